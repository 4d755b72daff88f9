package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.config.ServerSettings.firstNonBlank;
import static io.github.kctwilio.otp.config.ServerSettings.isBlank;

import io.github.kctwilio.otp.limits.RateLimit;
import io.github.kctwilio.otp.limits.SendLimits;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.VerifyCredentials;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The settings one execution of the step runs with: its own values, else the server-wide defaults.
 *
 * @param credentials     Twilio account and Verify Service
 * @param defaultChannel  channel of the first code
 * @param channels        channels users may pick on the code form, the default among them
 * @param defaultRegion   ISO 3166 region for numbers typed without a country code; null for none
 * @param allowPhoneSetup whether a user without a usable number is handed to the required action "Verify phone
 *                        number" (when the execution is REQUIRED and the realm enables the action)
 * @param resetWithoutPhone in a password reset, what happens to an account without a verified number
 * @param resendCooldown  how long a user waits before asking for another code
 * @param sendLimits      caps on sends per number, user, IP address and login
 */
public record TwilioOtpConfig(VerifyCredentials credentials, Channel defaultChannel, List<Channel> channels, String defaultRegion,
                              boolean allowPhoneSetup, ResetWithoutPhone resetWithoutPhone, Duration resendCooldown,
                              SendLimits sendLimits) {

    /** In a password reset, an account without a verified number (or no account at all): */
    public enum ResetWithoutPhone {
        /** the same code form as for everyone else, which accepts no code: the reset cannot go on. */
        REFUSE,
        /** the step lets the flow go on to its next steps (which then decide, e.g. "Send reset email"). */
        SKIP
    }

    public static final int DEFAULT_RESEND_COOLDOWN_SECONDS = 30;
    /** SMS and voice are on in a new Verify Service; WhatsApp and email need setup in Twilio first. */
    public static final String DEFAULT_CHANNELS = "sms##call";
    private static final int MAX_RESEND_COOLDOWN_SECONDS = 600;

    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern SERVICE_SID = Pattern.compile("VA[0-9a-fA-F]{32}");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("##|,");

    /**
     * @param execution      the execution's config map; null when the admin never saved one
     * @param server         server-wide defaults
     * @param resolveSecret  turns a {@code ${vault.key}} reference into its value (plain values pass unchanged);
     *                       returns empty when the vault has no such key
     * @throws ConfigException naming the first setting that is missing or malformed
     */
    public static TwilioOtpConfig resolve(Map<String, String> execution, ServerSettings server,
                                          Function<String, Optional<String>> resolveSecret) throws ConfigException {
        Map<String, String> own = execution == null ? Map.of() : execution;

        String accountSid = firstNonBlank(own.get(ExecutionSettings.ACCOUNT_SID), server.accountSid());
        requireMatch(ExecutionSettings.ACCOUNT_SID, accountSid, ACCOUNT_SID, "AC followed by 32 hexadecimal characters");

        String serviceSid = firstNonBlank(own.get(ExecutionSettings.VERIFY_SERVICE_SID), server.verifyServiceSid());
        requireMatch(ExecutionSettings.VERIFY_SERVICE_SID, serviceSid, SERVICE_SID, "VA followed by 32 hexadecimal characters");

        String tokenSetting = firstNonBlank(own.get(ExecutionSettings.AUTH_TOKEN), server.authToken());
        if (tokenSetting == null) {
            throw new ConfigException(ExecutionSettings.AUTH_TOKEN, "is not set (execution config, server option or TWILIO_AUTH_TOKEN)");
        }
        String authToken = resolveSecret.apply(tokenSetting).filter(t -> !t.isBlank())
                .orElseThrow(() -> new ConfigException(ExecutionSettings.AUTH_TOKEN, "refers to a vault secret that does not exist"));

        Channel defaultChannel = channel(own.get(ExecutionSettings.DEFAULT_CHANNEL));
        return new TwilioOtpConfig(
                new VerifyCredentials(accountSid, authToken.trim(), serviceSid),
                defaultChannel,
                channels(own.get(ExecutionSettings.CHANNELS), defaultChannel),
                SettingValues.region(ExecutionSettings.DEFAULT_REGION, own.get(ExecutionSettings.DEFAULT_REGION)),
                SettingValues.flag(ExecutionSettings.ALLOW_PHONE_SETUP, own.get(ExecutionSettings.ALLOW_PHONE_SETUP), true),
                SettingValues.choice(ExecutionSettings.RESET_WITHOUT_PHONE, own.get(ExecutionSettings.RESET_WITHOUT_PHONE),
                        ResetWithoutPhone.class, ResetWithoutPhone.REFUSE),
                seconds(ExecutionSettings.RESEND_COOLDOWN_SECONDS, own.get(ExecutionSettings.RESEND_COOLDOWN_SECONDS),
                        DEFAULT_RESEND_COOLDOWN_SECONDS, MAX_RESEND_COOLDOWN_SECONDS),
                sendLimits(own));
    }

    private static void requireMatch(String setting, String value, Pattern pattern, String expected) throws ConfigException {
        if (value == null) {
            throw new ConfigException(setting, "is not set (execution config, server option or environment variable)");
        }
        if (!pattern.matcher(value).matches()) {
            throw new ConfigException(setting, "must be " + expected);
        }
    }

    private static Channel channel(String value) throws ConfigException {
        if (isBlank(value)) {
            return Channel.SMS;
        }
        Optional<Channel> channel = Channel.fromWireName(value);
        if (channel.isEmpty()) {
            throw new ConfigException(ExecutionSettings.DEFAULT_CHANNEL, "must be one of sms, call, whatsapp, email");
        }
        return channel.get();
    }

    /**
     * The offered channels, as the admin console stores a multi-valued list ("sms##call"); commas work too.
     * The default channel is always offered, first.
     */
    private static List<Channel> channels(String value, Channel defaultChannel) throws ConfigException {
        Set<Channel> channels = new LinkedHashSet<>();
        channels.add(defaultChannel);
        String list = isBlank(value) ? DEFAULT_CHANNELS : value;
        for (String name : LIST_SEPARATOR.split(list)) {
            if (name.isBlank()) {
                continue;
            }
            Optional<Channel> channel = Channel.fromWireName(name);
            if (channel.isEmpty()) {
                throw new ConfigException(ExecutionSettings.CHANNELS, "may only list sms, call, whatsapp and email");
            }
            channels.add(channel.get());
        }
        return List.copyOf(channels);
    }


    private static SendLimits sendLimits(Map<String, String> own) throws ConfigException {
        return new SendLimits(
                rateLimit(ExecutionSettings.SEND_LIMIT_PER_NUMBER, own.get(ExecutionSettings.SEND_LIMIT_PER_NUMBER), SendLimits.DEFAULT_PER_NUMBER),
                rateLimit(ExecutionSettings.SEND_LIMIT_PER_USER, own.get(ExecutionSettings.SEND_LIMIT_PER_USER), SendLimits.DEFAULT_PER_USER),
                rateLimit(ExecutionSettings.SEND_LIMIT_PER_IP, own.get(ExecutionSettings.SEND_LIMIT_PER_IP), SendLimits.DEFAULT_PER_IP),
                wholeNumber(ExecutionSettings.MAX_SENDS_PER_LOGIN, own.get(ExecutionSettings.MAX_SENDS_PER_LOGIN), SendLimits.DEFAULT_PER_LOGIN, RateLimit.MAX_COUNT,
                        "a number of sends (0 for no cap)"));
    }

    private static RateLimit rateLimit(String setting, String value, String defaultValue) throws ConfigException {
        Optional<RateLimit> limit = RateLimit.parse(isBlank(value) ? defaultValue : value);
        if (limit.isEmpty()) {
            throw new ConfigException(setting, "must look like 5/1h (count per s, m, h or d; up to 7 days), or 0 for no limit");
        }
        return limit.get();
    }

    private static Duration seconds(String setting, String value, int defaultValue, int max) throws ConfigException {
        return Duration.ofSeconds(wholeNumber(setting, value, defaultValue, max, "a number of seconds"));
    }

    private static int wholeNumber(String setting, String value, int defaultValue, int max, String what) throws ConfigException {
        if (isBlank(value)) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 0 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(setting, "must be " + what + " from 0 to " + max);
    }
}
