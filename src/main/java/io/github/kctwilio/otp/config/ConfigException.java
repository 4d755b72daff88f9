package io.github.kctwilio.otp.config;

/** A setting that is missing or malformed. The message names the setting, never its value. */
public final class ConfigException extends Exception {

    private final String setting;

    public ConfigException(String setting, String problem) {
        super("Twilio OTP setting '" + setting + "' " + problem);
        this.setting = setting;
    }

    /** The name of the offending setting, as the admin sees it. */
    public String setting() {
        return setting;
    }
}
