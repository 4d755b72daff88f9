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
 * @param options   risk check and message template; {@link SendOptions#TWILIO_DEFAULTS} when null
 */
public record VerificationRequest(String to, Channel channel, String locale, String deviceIp, Map<String, String> tags,
                                  SendOptions options) {

    public VerificationRequest {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(channel, "channel");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        options = options == null ? SendOptions.TWILIO_DEFAULTS : options;
    }

    /** A send with Twilio's defaults for risk check and template. */
    public VerificationRequest(String to, Channel channel, String locale, String deviceIp, Map<String, String> tags) {
        this(to, channel, locale, deviceIp, tags, SendOptions.TWILIO_DEFAULTS);
    }
}
