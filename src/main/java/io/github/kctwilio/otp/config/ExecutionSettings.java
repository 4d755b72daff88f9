package io.github.kctwilio.otp.config;

/** Keys of the per-execution settings (the gear in the admin console's flow editor). */
public final class ExecutionSettings {

    public static final String VERIFY_SERVICE_SID = "verifyServiceSid";
    public static final String ACCOUNT_SID = "accountSid";
    public static final String AUTH_TOKEN = "authToken";
    public static final String DEFAULT_CHANNEL = "defaultChannel";
    public static final String CHANNELS = "channels";
    public static final String DEFAULT_REGION = "defaultRegion";
    public static final String ALLOW_PHONE_SETUP = "allowPhoneSetup";
    public static final String RESET_WITHOUT_PHONE = "resetWithoutPhone";
    public static final String RESEND_COOLDOWN_SECONDS = "resendCooldownSeconds";
    public static final String SEND_LIMIT_PER_NUMBER = "sendLimitPerNumber";
    public static final String SEND_LIMIT_PER_USER = "sendLimitPerUser";
    public static final String SEND_LIMIT_PER_IP = "sendLimitPerIp";
    public static final String MAX_SENDS_PER_LOGIN = "maxSendsPerLogin";

    private ExecutionSettings() {
    }
}
