package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.config.ServerSettings.isBlank;

import io.github.kctwilio.otp.verify.SendOptions;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings passed to Twilio with every send: {@value #RISK_CHECK} (Fraud Guard's risk check), {@value #TEMPLATE_SID}
 * (a Verify message template, e.g. a domain-bound one so browsers fill the code in) and {@value #APP_HASH} (the
 * Android app's SMS Retriever hash). Blank settings are not sent, and Twilio applies its defaults.
 */
public final class VerifySendSettings {

    public static final String RISK_CHECK = "riskCheck";
    public static final String TEMPLATE_SID = "templateSid";
    public static final String APP_HASH = "appHash";

    /** Google's SMS Retriever app hash: 11 characters of the base64 alphabet. */
    private static final Pattern APP_HASH_SYNTAX = Pattern.compile("[A-Za-z0-9+/]{11}");

    private VerifySendSettings() {
    }

    /**
     * @param values the config holding the settings; null when the admin never saved one
     * @throws ConfigException naming the first setting that is malformed
     */
    public static SendOptions resolve(Map<String, String> values) throws ConfigException {
        Map<String, String> own = values == null ? Map.of() : values;
        String templateSid = isBlank(own.get(TEMPLATE_SID)) ? null : own.get(TEMPLATE_SID).trim();
        if (templateSid != null && !SendOptions.TEMPLATE_SID.matcher(templateSid).matches()) {
            throw new ConfigException(TEMPLATE_SID, "must be HJ followed by 32 hexadecimal characters (Twilio console, Verify, "
                    + "your service, Templates), or blank for the service's default message");
        }
        String appHash = isBlank(own.get(APP_HASH)) ? null : own.get(APP_HASH).trim();
        if (appHash != null && !APP_HASH_SYNTAX.matcher(appHash).matches()) {
            throw new ConfigException(APP_HASH, "must be the 11-character hash of your Android app (SMS Retriever API), or blank");
        }
        return new SendOptions(riskCheck(own.get(RISK_CHECK)), templateSid, appHash);
    }

    /** {@code disable} is refused, not just unsupported: it would switch off Fraud Guard and Geo Permissions for every send. */
    private static SendOptions.RiskCheck riskCheck(String value) throws ConfigException {
        if (isBlank(value)) {
            return SendOptions.RiskCheck.TWILIO_DEFAULT;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "default" -> SendOptions.RiskCheck.TWILIO_DEFAULT;
            case "enable" -> SendOptions.RiskCheck.ENABLE;
            case "disable" -> throw new ConfigException(RISK_CHECK, "cannot be disable: that would switch off Twilio's Fraud Guard "
                    + "and Geo Permissions for every code; use default or enable");
            default -> throw new ConfigException(RISK_CHECK, "must be default (Twilio's own, which is enable) or enable");
        };
    }
}
