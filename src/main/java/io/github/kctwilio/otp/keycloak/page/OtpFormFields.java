package io.github.kctwilio.otp.keycloak.page;

/** Names of our form fields and templates, shared by the authenticator and the FreeMarker files. */
public final class OtpFormFields {

    public static final String PHONE_TEMPLATE = "twilio-otp-phone.ftl";
    public static final String CODE_TEMPLATE = "twilio-otp-code.ftl";

    /** Input of the phone form; also the key of per-field errors there. */
    public static final String PHONE_NUMBER = "phoneNumber";
    /** Input of the code form; also the key of per-field errors there. */
    public static final String CODE = "code";
    /** Submit button of the code form that asks for a new code. */
    public static final String RESEND = "resend";
    /** Submit buttons of the code form that ask for the code by another channel; the value is the channel. */
    public static final String CHANNEL = "channel";

    /** Submit button of the code form, while verifying a new number, that goes back to the phone form. */
    public static final String OTHER_NUMBER = "otherNumber";

    /** Submit button of the code form that sends the code to the user's other (backup) number instead. */
    public static final String BACKUP_NUMBER = "backupNumber";

    /** Checkbox of the code form: "Don't ask for a code on this device for N days". */
    public static final String REMEMBER_DEVICE = "rememberDevice";
    /** Template attribute: the days a device may be remembered for; absent where the code form offers no such box. */
    public static final String REMEMBER_DAYS_MODEL = "twilioOtpRememberDays";

    /** Name of the template model object that carries our page state. */
    public static final String MODEL = "twilioOtp";

    private OtpFormFields() {
    }
}
