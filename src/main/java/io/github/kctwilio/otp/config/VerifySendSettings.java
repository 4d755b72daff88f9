package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.config.ServerSettings.isBlank;

import io.github.kctwilio.otp.verify.SendOptions;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings passed to Twilio with every send: {@link Setting#RISK_CHECK} (Fraud Guard's risk check),
 * {@link Setting#TEMPLATE_SID} (a Verify message template, e.g. a domain-bound one so browsers fill the code in) and
 * {@link Setting#APP_HASH} (the Android app's SMS Retriever hash). Blank settings are not sent, and Twilio applies its
 * defaults.
 */
public final class VerifySendSettings {

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
        String templateSid = trimmed(Setting.TEMPLATE_SID.in(own));
        if (templateSid != null && !SendOptions.TEMPLATE_SID.matcher(templateSid).matches()) {
            throw new ConfigException(Setting.TEMPLATE_SID.key(), "must be HJ followed by 32 hexadecimal characters (Twilio console, Verify, "
                    + "your service, Templates), or blank for the service's default message");
        }
        String appHash = trimmed(Setting.APP_HASH.in(own));
        if (appHash != null && !APP_HASH_SYNTAX.matcher(appHash).matches()) {
            throw new ConfigException(Setting.APP_HASH.key(), "must be the 11-character hash of your Android app (SMS Retriever API), or blank");
        }
        return new SendOptions(riskCheck(Setting.RISK_CHECK.in(own)), templateSid, appHash);
    }

    private static String trimmed(String value) {
        return isBlank(value) ? null : value.trim();
    }

    /** {@code disable} is refused, not just unsupported: it would switch off Fraud Guard and Geo Permissions for every send. */
    private static SendOptions.RiskCheck riskCheck(String value) throws ConfigException {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "default" -> SendOptions.RiskCheck.TWILIO_DEFAULT;
            case "enable" -> SendOptions.RiskCheck.ENABLE;
            case "disable" -> throw new ConfigException(Setting.RISK_CHECK.key(), "cannot be disable: that would switch off Twilio's Fraud Guard "
                    + "and Geo Permissions for every code; use default or enable");
            default -> throw new ConfigException(Setting.RISK_CHECK.key(), "must be default (Twilio's own, which is enable) or enable");
        };
    }
}
