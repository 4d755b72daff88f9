package io.github.kctwilio.otp.testsupport;

import java.util.Locale;

/**
 * The plugin's server-wide options as the Keycloak under test spells them. Keycloak 26.3 introduced
 * {@code --spi-authenticator--twilio-otp--api-base-url} (double dashes between SPI, provider and option);
 * 26.2 and older only know {@code --spi-authenticator-twilio-otp-api-base-url} and silently ignore the new form,
 * which would leave the plugin talking to real Twilio. 26.3 and newer accept both; the tests use the newest form
 * each version knows, the one the README documents.
 */
public final class SpiOptionNames {

    private final boolean separatedByDoubleDash;

    public SpiOptionNames(String keycloakVersion) {
        separatedByDoubleDash = KeycloakVersion.parse(keycloakVersion).atLeast(26, 3);
    }

    /** For the Keycloak the build runs ({@code -Dkeycloak.version}, default the targeted version). */
    public static SpiOptionNames forKeycloakUnderTest() {
        return new SpiOptionNames(System.getProperty("keycloak.version", "26.7.3"));
    }

    /** A command-line option such as {@code --spi-authenticator--twilio-otp--read-timeout-ms=2000}. */
    public String option(String name, String value) {
        String separator = separatedByDoubleDash ? "--" : "-";
        return "--spi-authenticator" + separator + "twilio-otp" + separator + name + "=" + value;
    }

    /** An environment variable such as {@code KC_SPI_AUTHENTICATOR__TWILIO_OTP__ACCOUNT_SID}. */
    public String env(String name) {
        String separator = separatedByDoubleDash ? "__" : "_";
        return "KC_SPI_AUTHENTICATOR" + separator + "TWILIO_OTP" + separator + name.replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
