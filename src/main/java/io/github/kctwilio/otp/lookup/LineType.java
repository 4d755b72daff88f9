package io.github.kctwilio.otp.lookup;

import java.util.Arrays;
import java.util.Optional;

/** Line types of Lookup v2's line type intelligence, by their {@code type} values. */
public enum LineType {
    MOBILE("mobile"),
    LANDLINE("landline"),
    FIXED_VOIP("fixedVoip"),
    NON_FIXED_VOIP("nonFixedVoip"),
    PERSONAL("personal"),
    TOLL_FREE("tollFree"),
    PREMIUM("premium"),
    SHARED_COST("sharedCost"),
    UAN("uan"),
    VOICEMAIL("voicemail"),
    PAGER("pager"),
    /** Twilio's own "unknown", and any type Twilio adds after this list was written. */
    UNKNOWN("unknown");

    private final String wireName;

    LineType(String wireName) {
        this.wireName = wireName;
    }

    /** As Twilio writes it ({@code nonFixedVoip}); also the word of the realm setting. */
    public String wireName() {
        return wireName;
    }

    /** Case-insensitive, so a setting may say {@code nonfixedvoip}; empty for a word that is no line type. */
    public static Optional<LineType> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String trimmed = name.trim();
        return Arrays.stream(values()).filter(t -> t.wireName.equalsIgnoreCase(trimmed)).findFirst();
    }
}
