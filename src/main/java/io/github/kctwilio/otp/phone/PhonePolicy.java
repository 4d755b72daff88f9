package io.github.kctwilio.otp.phone;

import java.util.Set;

/**
 * The realm's rules for phone numbers: where they are stored, whether numbers we never verified count as verified,
 * and which countries codes may be sent to. Read from the realm's settings by {@code config.PhoneRules}.
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

    /** True when codes may be sent to this E.164 number. */
    public boolean allows(String e164) {
        return allowedCountries.isEmpty() || PhoneNumbers.regionOf(e164).filter(allowedCountries::contains).isPresent();
    }
}
