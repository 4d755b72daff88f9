package io.github.kctwilio.otp.phone;

import java.util.Optional;

/**
 * The verdict on the phone number typed on the registration page. Pure: no Twilio request, no Keycloak state, so the
 * registration page can refuse a bad number before an account (or an SMS) exists.
 *
 * @param outcome what to do with the registration
 * @param number  the number in E.164, present for {@link Outcome#ACCEPTED} and {@link Outcome#NOT_ALLOWED}
 */
public record SignupNumber(Outcome outcome, Optional<String> number) {

    public enum Outcome {
        /** A valid number from an allowed country: store it and have it verified by code. */
        ACCEPTED,
        /** No number, and the realm does not require one at signup: the account is created without a number. */
        NONE,
        /** No number, but one is required. */
        MISSING,
        /** Not a dialable number (or a premium-rate one). */
        INVALID,
        /** A valid number from a country codes may not be sent to. */
        NOT_ALLOWED
    }

    /**
     * @param typed         the form field's value; may be null
     * @param required      whether a blank number refuses the registration
     * @param defaultRegion region for numbers without a country code; may be null
     */
    public static SignupNumber check(String typed, boolean required, String defaultRegion, PhonePolicy policy) {
        if (typed == null || typed.isBlank()) {
            return new SignupNumber(required ? Outcome.MISSING : Outcome.NONE, Optional.empty());
        }
        Optional<String> number = PhoneNumbers.toE164(typed, defaultRegion);
        if (number.isEmpty()) {
            return new SignupNumber(Outcome.INVALID, Optional.empty());
        }
        return new SignupNumber(policy.allows(number.get()) ? Outcome.ACCEPTED : Outcome.NOT_ALLOWED, number);
    }
}
