package io.github.kctwilio.otp.keycloak.page;

/** Message keys of our bundles (themes/twilio-otp/messages), so code and templates cannot drift apart. */
public final class OtpMessages {

    public static final String INVALID_PHONE = "twilioOtpInvalidPhone";
    public static final String MISSING_CODE = "twilioOtpMissingCode";
    public static final String INVALID_CODE_FORMAT = "twilioOtpInvalidCodeFormat";
    public static final String WRONG_CODE = "twilioOtpWrongCode";
    public static final String CODE_EXPIRED = "twilioOtpCodeExpired";
    public static final String TOO_MANY_ATTEMPTS = "twilioOtpTooManyAttempts";
    public static final String TOO_MANY_SENDS = "twilioOtpTooManySends";
    public static final String THROTTLED = "twilioOtpThrottled";
    public static final String CANNOT_SEND = "twilioOtpCannotSend";
    public static final String SERVICE_UNAVAILABLE = "twilioOtpServiceUnavailable";
    public static final String NOT_CONFIGURED = "twilioOtpNotConfigured";
    public static final String NO_PHONE = "twilioOtpNoPhone";
    public static final String PHONE_ON_FILE_INVALID = "twilioOtpPhoneOnFileInvalid";
    public static final String LOCKED = "twilioOtpLocked";
    public static final String NEW_CODE_SENT = "twilioOtpNewCodeSent";
    public static final String SEND_LIMIT = "twilioOtpSendLimit";
    public static final String LOGIN_SEND_CAP = "twilioOtpLoginSendCap";
    public static final String REALM_SEND_LIMIT = "twilioOtpRealmSendLimit";
    public static final String LANDLINE_CALL = "twilioOtpLandlineCall";
    public static final String CHANNEL_UNAVAILABLE = "twilioOtpChannelUnavailable";
    public static final String NO_CHANNEL = "twilioOtpNoChannel";
    public static final String COUNTRY_NOT_ALLOWED = "twilioOtpCountryNotAllowed";
    public static final String NUMBER_TAKEN = "twilioOtpNumberTaken";
    public static final String LINE_TYPE_REFUSED = "twilioOtpLineTypeRefused";
    public static final String SIM_SWAP_BLOCKED = "twilioOtpSimSwapBlocked";

    private OtpMessages() {
    }
}
