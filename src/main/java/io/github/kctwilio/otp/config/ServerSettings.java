package io.github.kctwilio.otp.config;

import io.github.kctwilio.otp.verify.TransportSettings;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Server-wide settings, from Keycloak's SPI options ({@code --spi-authenticator--twilio-otp--<name>},
 * keycloak.conf, {@code KC_SPI_AUTHENTICATOR__TWILIO_OTP__<NAME>}). Credentials fall back to Twilio's own
 * environment variables. The API base URL and the timeouts are server-wide only: a realm admin must not be
 * able to send the server's credentials to a host of their choosing.
 *
 * @param accountSid       default for realms and steps that leave Account SID blank; may be null
 * @param authToken        default for realms and steps that leave Auth Token blank; may be null
 * @param verifyServiceSid default for realms and steps that leave the Verify Service SID blank; may be null
 * @param transport        where Twilio is and how long we wait for it
 */
public record ServerSettings(String accountSid, String authToken, String verifyServiceSid, TransportSettings transport) {

    public static final String ENV_ACCOUNT_SID = "TWILIO_ACCOUNT_SID";
    public static final String ENV_AUTH_TOKEN = "TWILIO_AUTH_TOKEN";
    public static final String ENV_VERIFY_SID = "TWILIO_VERIFY_SID";

    /** Keeps the auth token out of any log line that prints these settings. */
    @Override
    public String toString() {
        return "ServerSettings[accountSid=" + accountSid + ", authToken=" + (authToken == null ? "unset" : "***")
                + ", verifyServiceSid=" + verifyServiceSid + ", transport=" + transport + "]";
    }

    /**
     * @param spiOption reads an SPI option by its name (such as {@code api-base-url}); null when unset
     * @param env       reads an environment variable; null when unset
     * @throws IllegalArgumentException naming the option, when an option is malformed: the server should not start
     */
    public static ServerSettings read(UnaryOperator<String> spiOption, UnaryOperator<String> env) {
        return new ServerSettings(
                firstNonBlank(spiOption.apply(Setting.SERVER_ACCOUNT_SID.key()), env.apply(ENV_ACCOUNT_SID)),
                firstNonBlank(spiOption.apply(Setting.SERVER_AUTH_TOKEN.key()), env.apply(ENV_AUTH_TOKEN)),
                firstNonBlank(spiOption.apply(Setting.SERVER_VERIFY_SERVICE_SID.key()), env.apply(ENV_VERIFY_SID)),
                new TransportSettings(
                        baseUrl(Setting.API_BASE_URL.key(), spiOption.apply(Setting.API_BASE_URL.key()), TransportSettings.TWILIO_VERIFY_URL),
                        millis(Setting.CONNECT_TIMEOUT_MS, option(spiOption, Setting.CONNECT_TIMEOUT_MS)),
                        millis(Setting.READ_TIMEOUT_MS, option(spiOption, Setting.READ_TIMEOUT_MS))));
    }

    /** The option's value, its default when unset or blank. */
    private static String option(UnaryOperator<String> spiOption, Setting setting) {
        String value = spiOption.apply(setting.key());
        return isBlank(value) ? setting.defaultValue() : value;
    }

    /** The URL an option names, without user info, query or fragment; {@code defaultUrl} when the option is unset. */
    static URI baseUrl(String option, String value, URI defaultUrl) {
        if (isBlank(value)) {
            return defaultUrl;
        }
        try {
            URI uri = URI.create(value.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the option's name
        }
        throw new IllegalArgumentException("Twilio OTP server option '" + option
                + "' must be an http(s) URL such as " + defaultUrl);
    }

    private static Duration millis(Setting setting, String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 100 && parsed <= 60_000) {
                return Duration.ofMillis(parsed);
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new IllegalArgumentException("Twilio OTP server option '" + setting.key() + "' must be a number of milliseconds from 100 to 60000");
    }

    static String firstNonBlank(String... values) {
        for (String value : values) {
            if (!isBlank(value)) {
                return value.trim();
            }
        }
        return null;
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
