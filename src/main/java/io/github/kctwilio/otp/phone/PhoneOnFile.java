package io.github.kctwilio.otp.phone;

import io.github.kctwilio.otp.config.PhonePolicy;
import java.util.Optional;

/**
 * What a user's stored number is worth under the realm's rules: nothing on file, unusable (not a valid number, or
 * outside the allowed countries), or a number codes may go to, verified or not.
 *
 * @param status  the verdict
 * @param number  the number in E.164, present for {@link Status#USABLE}
 * @param verified for a usable number: a code to exactly this number was approved, or the policy trusts it
 */
public record PhoneOnFile(Status status, Optional<String> number, boolean verified) {

    public enum Status { NONE, INVALID, NOT_ALLOWED, USABLE }

    /**
     * @param stored        the phone attribute's value; may be null
     * @param verifiedFlag  the verified attribute's value; may be null
     * @param mark          our {@link VerifiedNumberMark}; null when we never verified a number for this user
     * @param defaultRegion to read a number stored without a country code; may be null
     */
    public static PhoneOnFile read(String stored, String verifiedFlag, String mark, PhonePolicy policy, String defaultRegion) {
        if (stored == null || stored.isBlank()) {
            return new PhoneOnFile(Status.NONE, Optional.empty(), false);
        }
        Optional<String> number = PhoneNumbers.toE164(stored, defaultRegion);
        if (number.isEmpty()) {
            return new PhoneOnFile(Status.INVALID, Optional.empty(), false);
        }
        if (!policy.allows(number.get())) {
            return new PhoneOnFile(Status.NOT_ALLOWED, number, false);
        }
        boolean verifiedByUs = "true".equalsIgnoreCase(verifiedFlag) && VerifiedNumberMark.matches(mark, number.get());
        boolean trusted = policy.existingNumbers() == PhonePolicy.ExistingNumbers.TRUST;
        return new PhoneOnFile(Status.USABLE, number, verifiedByUs || trusted);
    }

    public boolean usable() {
        return status == Status.USABLE;
    }

    /** A number codes may go to and that counts as verified: what a password reset needs. */
    public boolean usableAndVerified() {
        return usable() && verified;
    }
}
