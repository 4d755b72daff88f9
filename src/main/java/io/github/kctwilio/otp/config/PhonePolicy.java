package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.config.ServerSettings.isBlank;

import io.github.kctwilio.otp.phone.PhoneNumbers;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The realm's rules for phone numbers: where they are stored, whether numbers we never verified count as verified,
 * and which countries codes may be sent to.
 *
 * @param phoneAttribute    user attribute holding the number (E.164 once we wrote it)
 * @param verifiedAttribute user attribute set to {@code true} once a code to that number was approved
 * @param existingNumbers   what a number we never verified (imported, federated, set by an admin) is worth
 * @param allowedCountries  ISO 3166 region codes codes may go to; empty for all
 * @param numbersPerUser    phone credentials an account may hold (1, or 2 for a backup phone); a newly verified
 *                          number beyond that replaces the oldest
 */
public record PhonePolicy(String phoneAttribute, String verifiedAttribute, ExistingNumbers existingNumbers,
                          Set<String> allowedCountries, int numbersPerUser) {

    /** The attribute names of Keycloak's built-in {@code phone} client scope. */
    public static final String DEFAULT_PHONE_ATTRIBUTE = "phoneNumber";
    public static final String DEFAULT_VERIFIED_ATTRIBUTE = "phoneNumberVerified";
    /** A main phone and a backup phone, as the large identity services offer. */
    public static final int DEFAULT_NUMBERS_PER_USER = 2;
    public static final PhonePolicy DEFAULTS = new PhonePolicy(DEFAULT_PHONE_ATTRIBUTE, DEFAULT_VERIFIED_ATTRIBUTE,
            ExistingNumbers.TRUST, Set.of(), DEFAULT_NUMBERS_PER_USER);

    /** Attribute names Keycloak's user profile accepts; anything else is a typo the admin should hear about. */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("##|[,\\s]+");

    /** A number in the phone attribute of an account that has no phone credential yet. */
    public enum ExistingNumbers {
        /**
         * Becomes the account's phone credential as it is, when users cannot edit the attribute (admin-managed, a
         * read-only directory mapper); a number users can edit is still proved by a code first.
         */
        TRUST,
        /** Becomes the account's phone credential only once a code sent to it was approved. */
        VERIFY
    }

    public PhonePolicy {
        allowedCountries = Set.copyOf(allowedCountries);
    }

    /**
     * @param values the required action's config; null when the admin never saved one
     * @throws ConfigException naming the first setting that is malformed
     */
    public static PhonePolicy resolve(Map<String, String> values) throws ConfigException {
        Map<String, String> own = values == null ? Map.of() : values;
        return new PhonePolicy(
                attribute(PhoneSettings.PHONE_ATTRIBUTE, own.get(PhoneSettings.PHONE_ATTRIBUTE), DEFAULT_PHONE_ATTRIBUTE),
                attribute(PhoneSettings.VERIFIED_ATTRIBUTE, own.get(PhoneSettings.VERIFIED_ATTRIBUTE), DEFAULT_VERIFIED_ATTRIBUTE),
                SettingValues.choice(PhoneSettings.EXISTING_NUMBERS, own.get(PhoneSettings.EXISTING_NUMBERS), ExistingNumbers.class,
                        ExistingNumbers.TRUST),
                countries(own.get(PhoneSettings.ALLOWED_COUNTRIES)),
                numbersPerUser(own.get(PhoneSettings.NUMBERS_PER_USER)));
    }

    /** True when codes may be sent to this E.164 number. */
    public boolean allows(String e164) {
        return allowedCountries.isEmpty() || PhoneNumbers.regionOf(e164).filter(allowedCountries::contains).isPresent();
    }

    private static int numbersPerUser(String value) throws ConfigException {
        if (isBlank(value)) {
            return DEFAULT_NUMBERS_PER_USER;
        }
        return switch (value.trim()) {
            case "1" -> 1;
            case "2" -> 2;
            default -> throw new ConfigException(PhoneSettings.NUMBERS_PER_USER, "must be 1 or 2");
        };
    }

    private static String attribute(String setting, String value, String defaultValue) throws ConfigException {
        if (isBlank(value)) {
            return defaultValue;
        }
        if (!ATTRIBUTE_NAME.matcher(value.trim()).matches()) {
            throw new ConfigException(setting, "must be a user attribute name such as " + defaultValue);
        }
        return value.trim();
    }

    /** As the admin console stores a multi-valued list ("US##CA"); commas and spaces work too. */
    private static Set<String> countries(String value) throws ConfigException {
        Set<String> countries = new TreeSet<>();
        if (isBlank(value)) {
            return countries;
        }
        for (String code : LIST_SEPARATOR.split(value)) {
            if (code.isBlank()) {
                continue;
            }
            if (!PhoneNumbers.isSupportedRegion(code)) {
                throw new ConfigException(PhoneSettings.ALLOWED_COUNTRIES, "may only list two-letter country codes such as US or DE");
            }
            countries.add(code.trim().toUpperCase(Locale.ROOT));
        }
        return countries;
    }
}
