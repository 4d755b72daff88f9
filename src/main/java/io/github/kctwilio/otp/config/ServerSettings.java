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
 * @param accountSid       default for executions that leave Account SID blank; may be null
 * @param authToken        default for executions that leave Auth Token blank; may be null
 * @param verifyServiceSid default for executions that leave the Verify Service SID blank; may be null
 * @param transport        where Twilio is and how long we wait for it
 */
public record ServerSettings(String accountSid, String authToken, String verifyServiceSid, TransportSettings transport) {

    public static final String ACCOUNT_SID = "account-sid";
    public static final String AUTH_TOKEN = "auth-token";
    public static final String VERIFY_SERVICE_SID = "verify-service-sid";
    public static final String API_BASE_URL = "api-base-url";
    public static final String CONNECT_TIMEOUT_MS = "connect-timeout-ms";
    public static final String READ_TIMEOUT_MS = "read-timeout-ms";

    public static final String ENV_ACCOUNT_SID = "TWILIO_ACCOUNT_SID";
    public static final String ENV_AUTH_TOKEN = "TWILIO_AUTH_TOKEN";
    public static final String ENV_VERIFY_SID = "TWILIO_VERIFY_SID";

    /** Short enough that a login page does not hang; long enough for Twilio's usual 100-500 ms. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2000;
    public static final int DEFAULT_READ_TIMEOUT_MS = 5000;

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
                firstNonBlank(spiOption.apply(ACCOUNT_SID), env.apply(ENV_ACCOUNT_SID)),
                firstNonBlank(spiOption.apply(AUTH_TOKEN), env.apply(ENV_AUTH_TOKEN)),
                firstNonBlank(spiOption.apply(VERIFY_SERVICE_SID), env.apply(ENV_VERIFY_SID)),
                new TransportSettings(
                        baseUrl(API_BASE_URL, spiOption.apply(API_BASE_URL), TransportSettings.TWILIO_VERIFY_URL),
                        millis(CONNECT_TIMEOUT_MS, spiOption.apply(CONNECT_TIMEOUT_MS), DEFAULT_CONNECT_TIMEOUT_MS),
                        millis(READ_TIMEOUT_MS, spiOption.apply(READ_TIMEOUT_MS), DEFAULT_READ_TIMEOUT_MS)));
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

    private static Duration millis(String name, String value, int defaultMillis) {
        if (isBlank(value)) {
            return Duration.ofMillis(defaultMillis);
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 100 && parsed <= 60_000) {
                return Duration.ofMillis(parsed);
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new IllegalArgumentException("Twilio OTP server option '" + name + "' must be a number of milliseconds from 100 to 60000");
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
