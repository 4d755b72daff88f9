package io.github.kctwilio.otp.verify;

import java.util.Map;
import java.util.Objects;

/**
 * What we ask Twilio Verify to send.
 *
 * @param to        E.164 phone number (or an email address for {@link Channel#EMAIL})
 * @param channel   delivery channel
 * @param locale    Verify locale such as "en" or "pt-BR"; null lets Twilio choose
 * @param deviceIp  the end user's IP address, so Fraud Guard sees the real client; may be null
 * @param tags      free-form tags recorded by Twilio (for example the realm); may be empty
 */
public record VerificationRequest(String to, Channel channel, String locale, String deviceIp, Map<String, String> tags) {

    public VerificationRequest {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(channel, "channel");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
