package io.github.kctwilio.otp.verify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Twilio Verify delivery channels this plugin offers, with their wire names. */
public enum Channel {
    SMS("sms"),
    CALL("call"),
    WHATSAPP("whatsapp"),
    EMAIL("email");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    /** The value Twilio expects in the {@code Channel} parameter. */
    public String wireName() {
        return wireName;
    }

    /** Reads a wire name ("sms", "call", ...); anything else, including null, is empty. */
    public static Optional<Channel> fromWireName(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.wireName.equals(wanted)).findFirst();
    }
}
