package io.github.kctwilio.otp.keycloak;

/** Message keys of our bundles (themes/twilio-otp/messages), so code and templates cannot drift apart. */
final class OtpMessages {

    static final String INVALID_PHONE = "twilioOtpInvalidPhone";
    static final String MISSING_CODE = "twilioOtpMissingCode";
    static final String INVALID_CODE_FORMAT = "twilioOtpInvalidCodeFormat";
    static final String WRONG_CODE = "twilioOtpWrongCode";
    static final String CODE_EXPIRED = "twilioOtpCodeExpired";
    static final String TOO_MANY_ATTEMPTS = "twilioOtpTooManyAttempts";
    static final String TOO_MANY_SENDS = "twilioOtpTooManySends";
    static final String THROTTLED = "twilioOtpThrottled";
    static final String CANNOT_SEND = "twilioOtpCannotSend";
    static final String SERVICE_UNAVAILABLE = "twilioOtpServiceUnavailable";
    static final String NOT_CONFIGURED = "twilioOtpNotConfigured";
    static final String NO_PHONE = "twilioOtpNoPhone";
    static final String PHONE_ON_FILE_INVALID = "twilioOtpPhoneOnFileInvalid";
    static final String LOCKED = "twilioOtpLocked";
    static final String NEW_CODE_SENT = "twilioOtpNewCodeSent";
    static final String SEND_LIMIT = "twilioOtpSendLimit";
    static final String LOGIN_SEND_CAP = "twilioOtpLoginSendCap";
    static final String LANDLINE_CALL = "twilioOtpLandlineCall";
    static final String CHANNEL_UNAVAILABLE = "twilioOtpChannelUnavailable";
    static final String NO_CHANNEL = "twilioOtpNoChannel";
    static final String COUNTRY_NOT_ALLOWED = "twilioOtpCountryNotAllowed";

    private OtpMessages() {
    }
}
