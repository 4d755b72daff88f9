package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.config.ServerSettings.firstNonBlank;
import static io.github.kctwilio.otp.config.SettingValues.wholeNumber;

import io.github.kctwilio.otp.limits.RateLimit;
import io.github.kctwilio.otp.limits.ResendSchedule;
import io.github.kctwilio.otp.limits.SendLimits;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.SendOptions;
import io.github.kctwilio.otp.verify.VerifyCredentials;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The settings one execution of the step (or the required action) runs with: its own values, the account filled in
 * from the other level ({@link TwilioAccount}), else the server-wide defaults.
 *
 * @param credentials     Twilio account and Verify Service
 * @param defaultChannel  channel of the first code
 * @param channels        channels users may pick on the code form, the default among them
 * @param defaultRegion   ISO 3166 region for numbers typed without a country code; null for none
 * @param allowPhoneSetup whether a user without a usable number is handed to the required action "Verify phone
 *                        number" (when the execution is REQUIRED and the realm enables the action)
 * @param resetWithoutPhone in a password reset, what happens to an account without a verified number
 * @param resendWaits     how long a user waits before each further code of a sign-in ({@link ResendWaits})
 * @param sendLimits      caps on sends per number, user, IP address and login
 * @param sendOptions     risk check, message template and app hash passed to Twilio with every send
 */
public record TwilioOtpConfig(VerifyCredentials credentials, Channel defaultChannel, List<Channel> channels, String defaultRegion,
                              boolean allowPhoneSetup, ResetWithoutPhone resetWithoutPhone, ResendSchedule resendWaits,
                              SendLimits sendLimits, SendOptions sendOptions) {

    /** In a password reset, an account without a verified number (or no account at all): */
    public enum ResetWithoutPhone {
        /** the same code form as for everyone else, which accepts no code: the reset cannot go on. */
        REFUSE,
        /** the step lets the flow go on to its next steps (which then decide, e.g. "Send reset email"). */
        SKIP
    }

    /** Where a missing account setting could have come from, in the order they are read. */
    private static final String NOT_SET_WHERE = "the step's settings, the required action \"Verify phone number\", the server option";

    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern SERVICE_SID = Pattern.compile("VA[0-9a-fA-F]{32}");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("##|,");

    /**
     * @param settings       the execution's config with the realm's account filled in ({@link TwilioAccount}); null
     *                       when there is none
     * @param server         server-wide defaults
     * @param resolveSecret  turns a {@code ${vault.key}} reference into its value (plain values pass unchanged);
     *                       returns empty when the vault has no such key
     * @throws ConfigException naming the first setting that is missing or malformed
     */
    public static TwilioOtpConfig resolve(Map<String, String> settings, ServerSettings server,
                                          Function<String, Optional<String>> resolveSecret) throws ConfigException {
        Map<String, String> own = settings == null ? Map.of() : settings;

        String accountSid = firstNonBlank(Setting.ACCOUNT_SID.in(own), server.accountSid());
        requireMatch(Setting.ACCOUNT_SID, accountSid, ACCOUNT_SID, "AC followed by 32 hexadecimal characters");

        String serviceSid = firstNonBlank(Setting.VERIFY_SERVICE_SID.in(own), server.verifyServiceSid());
        requireMatch(Setting.VERIFY_SERVICE_SID, serviceSid, SERVICE_SID, "VA followed by 32 hexadecimal characters");

        String tokenSetting = firstNonBlank(Setting.STEP_AUTH_TOKEN.in(own), server.authToken());
        if (tokenSetting == null) {
            throw new ConfigException(Setting.STEP_AUTH_TOKEN.key(), "is not set (" + NOT_SET_WHERE + " or TWILIO_AUTH_TOKEN)");
        }
        String authToken = resolveSecret.apply(tokenSetting).filter(t -> !t.isBlank())
                .orElseThrow(() -> new ConfigException(Setting.STEP_AUTH_TOKEN.key(), "refers to a vault secret that does not exist"));

        Channel defaultChannel = channel(Setting.DEFAULT_CHANNEL.in(own));
        return new TwilioOtpConfig(
                new VerifyCredentials(accountSid, authToken.trim(), serviceSid),
                defaultChannel,
                channels(Setting.CHANNELS.in(own), defaultChannel),
                SettingValues.region(Setting.DEFAULT_REGION, Setting.DEFAULT_REGION.in(own)),
                SettingValues.flag(Setting.ALLOW_PHONE_SETUP, own),
                SettingValues.choice(Setting.RESET_WITHOUT_PHONE, own, ResetWithoutPhone.class),
                ResendWaits.resolve(own),
                sendLimits(own),
                VerifySendSettings.resolve(own));
    }

    private static void requireMatch(Setting setting, String value, Pattern pattern, String expected) throws ConfigException {
        if (value == null) {
            throw new ConfigException(setting.key(), "is not set (" + NOT_SET_WHERE + " or environment variable)");
        }
        if (!pattern.matcher(value).matches()) {
            throw new ConfigException(setting.key(), "must be " + expected);
        }
    }

    private static Channel channel(String value) throws ConfigException {
        Optional<Channel> channel = Channel.fromWireName(value);
        if (channel.isEmpty()) {
            throw new ConfigException(Setting.DEFAULT_CHANNEL.key(), "must be one of " + String.join(", ", Setting.DEFAULT_CHANNEL.options()));
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
        for (String name : LIST_SEPARATOR.split(value)) {
            if (name.isBlank()) {
                continue;
            }
            Optional<Channel> channel = Channel.fromWireName(name);
            if (channel.isEmpty()) {
                throw new ConfigException(Setting.CHANNELS.key(), "may only list " + String.join(", ", Setting.CHANNELS.options()));
            }
            channels.add(channel.get());
        }
        return List.copyOf(channels);
    }

    private static SendLimits sendLimits(Map<String, String> own) throws ConfigException {
        return new SendLimits(rateLimit(Setting.SEND_LIMIT_PER_NUMBER, own), rateLimit(Setting.SEND_LIMIT_PER_USER, own),
                rateLimit(Setting.SEND_LIMIT_PER_IP, own),
                wholeNumber(Setting.MAX_SENDS_PER_LOGIN, own, RateLimit.MAX_COUNT, "a number of sends (0 for no cap)"));
    }

    private static RateLimit rateLimit(Setting setting, Map<String, String> own) throws ConfigException {
        Optional<RateLimit> limit = RateLimit.parse(setting.in(own));
        if (limit.isEmpty()) {
            throw new ConfigException(setting.key(), "must look like 5/1h (count per s, m, h or d; up to 7 days), or 0 for no limit");
        }
        return limit.get();
    }
}
