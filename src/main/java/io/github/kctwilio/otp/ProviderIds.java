package io.github.kctwilio.otp;

/**
 * The ids under which the plugin registers with Keycloak, in one place so that no class has to reach into a factory
 * for another provider's id. They appear in realm exports and flow definitions: never rename one.
 */
public final class ProviderIds {

    /** The login step "Twilio OTP". */
    public static final String STEP = "twilio-otp";
    /** The login step "Twilio OTP: sign in with phone number", which identifies the user by a phone number and a code. */
    public static final String PHONE_LOGIN = "twilio-otp-phone-login";
    /** The required action "Verify phone number"; also the alias of the realm's phone rules (its config). */
    public static final String VERIFY_PHONE_ACTION = "twilio-verify-phone";
    /** The registration form action "Twilio OTP: phone number at signup". */
    public static final String SIGNUP_FORM_ACTION = "twilio-otp-registration";
    /** The required action "Forget remembered devices", for users to start with {@code kc_action} (application-initiated). */
    public static final String FORGET_DEVICES_ACTION = "twilio-forget-devices";
    /** The credential type (and its provider) holding a user's verified phone numbers. */
    public static final String PHONE_CREDENTIAL = "twilio-otp-phone";

    private ProviderIds() {
    }
}
