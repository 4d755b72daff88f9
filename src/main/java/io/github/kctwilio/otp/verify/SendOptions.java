package io.github.kctwilio.otp.verify;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Per-service options of a send that the realm's settings decide, not the moment: Fraud Guard's risk check and the
 * message template. Absent values are not sent, so Twilio applies its own defaults.
 *
 * @param riskCheck   {@code RiskCheck}: {@link RiskCheck#TWILIO_DEFAULT} omits the parameter
 * @param templateSid {@code TemplateSid} ({@code HJ…}): a Verify message template, e.g. one ending in
 *                    {@code @host #code} so browsers fill the code in; null for the service's default template
 * @param appHash     {@code AppHash}: the Android app's SMS Retriever hash Twilio appends to the SMS; null for none
 */
public record SendOptions(RiskCheck riskCheck, String templateSid, String appHash) {

    /** Twilio's template SIDs: HJ and 32 hexadecimal characters (the pattern of Twilio's OpenAPI description). */
    public static final Pattern TEMPLATE_SID = Pattern.compile("HJ[0-9a-fA-F]{32}");
    /** Everything as Twilio would have it without these parameters. */
    public static final SendOptions TWILIO_DEFAULTS = new SendOptions(RiskCheck.TWILIO_DEFAULT, null, null);

    /** {@code RiskCheck}: whether Fraud Guard and Geo Permissions judge this send. */
    public enum RiskCheck {
        /** Not sent: Twilio's default, which is {@code enable}. */
        TWILIO_DEFAULT,
        /** {@code RiskCheck=enable}. There is deliberately no way to send {@code disable}: it turns the protections off. */
        ENABLE
    }

    public SendOptions {
        Objects.requireNonNull(riskCheck, "riskCheck");
        if (templateSid != null && !TEMPLATE_SID.matcher(templateSid).matches()) {
            throw new IllegalArgumentException("not a template SID (HJ followed by 32 hexadecimal characters)");
        }
    }
}
