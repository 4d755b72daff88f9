package io.github.kctwilio.otp.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Phone-number rules: what we accept from users and attributes, how we store it, how we show it. */
public final class PhoneNumbers {

    /** Longer input is not a phone number; refusing it early keeps the parser away from 10 kB posts. */
    public static final int MAX_INPUT_LENGTH = 40;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final char MASK = '\u2022';
    /**
     * Numbers that cost the caller extra are what SMS pumping targets, and never a person's phone: refused like
     * invalid ones, before any Twilio request.
     */
    private static final Set<PhoneNumberType> COSTLY_TYPES = EnumSet.of(PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST);
    /** Stored numbers with libphonenumber's verdict on them; see {@link #knownE164(String)}. */
    static final int MAX_KNOWN = 10_000;
    private static final Map<String, Known> KNOWN = new ConcurrentHashMap<>();

    /** A stored value: whether it is a valid E.164 number codes may go to, and then its region. */
    private record Known(boolean usable, Optional<String> region) {
    }

    private PhoneNumbers() {
    }

    /**
     * Reads a number as a user might type it ({@code +1 415-555-0134}, {@code (415) 555-0134} with region US)
     * and returns it in E.164, or empty when it is not a valid, dialable number, or a premium-rate or shared-cost one.
     *
     * @param input         what the user typed or what an attribute holds; may be null
     * @param defaultRegion ISO 3166 code for numbers written without a country code; null or blank for none
     */
    public static Optional<String> toE164(String input, String defaultRegion) {
        if (input == null || input.isBlank() || input.length() > MAX_INPUT_LENGTH || hasControlCharacters(input)) {
            return Optional.empty();
        }
        String region = defaultRegion == null || defaultRegion.isBlank() ? null : defaultRegion.trim().toUpperCase(Locale.ROOT);
        try {
            PhoneNumber number = UTIL.parse(input.trim(), region);
            if (!UTIL.isValidNumber(number) || COSTLY_TYPES.contains(UTIL.getNumberType(number))) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A number as stored by us (a phone credential): itself when it is a valid E.164 number codes may go to, empty
     * when it is malformed or no longer valid (numbering plans change; an import may hold anything).
     */
    public static Optional<String> knownE164(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        // Every sign-in reads the account's numbers, and libphonenumber's verdict on a string cannot change while the
        // server runs (its rules are in the jar): parsing once per number, not per sign-in, saves most of reading them.
        // The region is kept with it, for the allowed countries' check that follows. The table starts over when full,
        // which costs a parse per number again and nothing else.
        Known known = KNOWN.get(stored);
        if (known == null) {
            boolean usable = toE164(stored, null).filter(e164 -> e164.equals(stored)).isPresent();
            known = new Known(usable, usable ? parsedRegionOf(stored) : Optional.empty());
            if (KNOWN.size() >= MAX_KNOWN) {
                KNOWN.clear();
            }
            KNOWN.put(stored, known);
        }
        return known.usable() ? Optional.of(stored) : Optional.empty();
    }

    static int knownNumbers() {
        return KNOWN.size();
    }

    /** The ISO 3166 region of a valid E.164 number ({@code +4915…} is {@code DE}); empty when it has none. */
    public static Optional<String> regionOf(String e164) {
        Known known = e164 == null ? null : KNOWN.get(e164);
        return known != null && known.usable() ? known.region() : parsedRegionOf(e164);
    }

    private static Optional<String> parsedRegionOf(String e164) {
        try {
            String region = UTIL.getRegionCodeForNumber(UTIL.parse(e164, null));
            return region == null || "ZZ".equals(region) ? Optional.empty() : Optional.of(region);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** True when libphonenumber knows the region, so it can read national numbers for it. */
    public static boolean isSupportedRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * Shows only the last digits ({@code +14155550134} becomes {@code •••••••0134}): enough for users to recognise
     * their number, and safe for logs and events.
     */
    public static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return "";
        }
        String digits = asciiDigits(number); // every code sent and approved masks its number for the event
        int shown = digits.length() >= 8 ? 4 : Math.min(2, digits.length());
        int hidden = digits.length() - shown;
        return String.valueOf(MASK).repeat(hidden) + digits.substring(hidden);
    }

    /** The characters 0-9 of the input, in order (what removing {@code \D} leaves), without a regex. */
    private static String asciiDigits(String input) {
        StringBuilder digits = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private static boolean hasControlCharacters(String input) {
        return input.chars().anyMatch(Character::isISOControl);
    }
}
