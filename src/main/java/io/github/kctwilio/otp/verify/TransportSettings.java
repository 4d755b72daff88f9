package io.github.kctwilio.otp.verify;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How we reach Twilio: where, and how long we wait.
 *
 * @param apiBaseUrl     replaces Twilio's scheme, host and port ({@code https://verify.twilio.com}, {@code https://lookups.twilio.com});
 *                       used for the emulator and for proxies
 * @param connectTimeout time to open a connection
 * @param readTimeout    time to wait for Twilio's answer
 */
public record TransportSettings(URI apiBaseUrl, Duration connectTimeout, Duration readTimeout) {

    public static final URI TWILIO_VERIFY_URL = URI.create("https://verify.twilio.com");

    public TransportSettings {
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }
}
