package io.github.kctwilio.otp.config;

/**
 * Keys of the realm-wide phone-number rules, set on the required action "Verify phone number" (admin console,
 * Authentication, Required actions, gear): every step, the required action and the signup check read the same.
 */
public final class PhoneSettings {

    public static final String PHONE_ATTRIBUTE = "phoneAttribute";
    public static final String VERIFIED_ATTRIBUTE = "phoneVerifiedAttribute";
    public static final String EXISTING_NUMBERS = "existingNumbers";
    public static final String ALLOWED_COUNTRIES = "allowedCountries";
    public static final String NUMBERS_PER_USER = "phoneNumbersPerUser";
    public static final String REALM_SEND_LIMIT = "realmSendLimit";
    /** Refuse, at enrolment, a number another account holds (required by phone sign-in): {@link SharedNumbers}. */
    public static final String ONE_ACCOUNT_PER_NUMBER = "oneAccountPerNumber";

    private PhoneSettings() {
    }
}
