package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each parser's default is the table's: for every setting with a default, a config holding that default reads the same
 * as a config without the setting, and one holding another value reads differently (the parser does read the key).
 */
class SettingDefaultsTest {

    /** A config must name an account to be read at all; the account has no default. */
    private static final Map<String, String> ACCOUNT = Map.of(Setting.ACCOUNT_SID.key(), "AC" + "0".repeat(32),
            Setting.STEP_AUTH_TOKEN.key(), "token", Setting.VERIFY_SERVICE_SID.key(), "VA" + "0".repeat(32));

    /** Reads a config the way one place does, into something comparable. */
    private interface Reader {
        Object read(Map<String, String> values) throws ConfigException;
    }

    private static final Map<Setting.Place, List<Reader>> READERS = Map.of(
            Setting.Place.STEP, List.of(values -> TwilioOtpConfig.resolve(values, ConfigFixtures.SERVER, Optional::of),
                    RememberDevicePeriod::of),
            Setting.Place.PHONE_LOGIN, List.of(values -> TwilioOtpConfig.resolve(values, ConfigFixtures.SERVER, Optional::of),
                    RememberDevicePeriod::of),
            Setting.Place.REALM, List.of(
                    values -> TwilioOtpConfig.resolve(values, ConfigFixtures.SERVER, Optional::of),
                    PhoneRules::resolve,
                    SharedNumbers::refused,
                    RealmSendLimit::resolve,
                    LookupSettings::resolve),
            Setting.Place.SIGNUP, List.of(values -> SignupSettings.resolve(values, null)),
            Setting.Place.SERVER, List.of(
                    values -> ServerSettings.read(values::get, name -> null),
                    values -> LookupServerSettings.read(values::get, ServerSettings.read(values::get, name -> null))));

    /** A valid value other than the default, for every setting that has one. */
    private static final Map<Setting, String> ANOTHER_VALUE = Map.ofEntries(
            Map.entry(Setting.DEFAULT_CHANNEL, "call"),
            Map.entry(Setting.ONE_ACCOUNT_PER_NUMBER, "true"),
            Map.entry(Setting.CHANNELS, "sms##whatsapp"),
            Map.entry(Setting.RESEND_WAITS, "10s"),
            Map.entry(Setting.RISK_CHECK, "enable"),
            Map.entry(Setting.SEND_LIMIT_PER_NUMBER, "1/1m"),
            Map.entry(Setting.SEND_LIMIT_PER_USER, "1/1m"),
            Map.entry(Setting.SEND_LIMIT_PER_IP, "1/1m"),
            Map.entry(Setting.MAX_SENDS_PER_LOGIN, "1"),
            Map.entry(Setting.ALLOW_PHONE_SETUP, "false"),
            Map.entry(Setting.RESET_WITHOUT_PHONE, "skip"),
            Map.entry(Setting.REMEMBER_DEVICE_DAYS, "30"),
            Map.entry(Setting.PHONE_ATTRIBUTE, "mobile"),
            Map.entry(Setting.VERIFIED_ATTRIBUTE, "mobileVerified"),
            Map.entry(Setting.EXISTING_NUMBERS, "verify"),
            Map.entry(Setting.NUMBERS_PER_USER, "1"),
            Map.entry(Setting.REALM_SEND_LIMIT, "1/1m"),
            Map.entry(Setting.PHONE_REQUIRED, "false"),
            Map.entry(Setting.LOOKUP_ENABLED, "true"),
            Map.entry(Setting.LOOKUP_REFUSED_LINE_TYPES, "landline"),
            Map.entry(Setting.LOOKUP_FAILURE, "refuse"),
            Map.entry(Setting.LOOKUP_CACHE_LIFETIME, "12h"),
            Map.entry(Setting.LOOKUP_API_BASE_URL, "http://127.0.0.1:2"),
            Map.entry(Setting.API_BASE_URL, "http://127.0.0.1:1"),
            Map.entry(Setting.CONNECT_TIMEOUT_MS, "1000"),
            Map.entry(Setting.READ_TIMEOUT_MS, "1000"));

    static Stream<Setting> settingsWithADefault() {
        return Stream.of(Setting.values()).filter(s -> s.defaultValue() != null);
    }

    @ParameterizedTest
    @MethodSource("settingsWithADefault")
    void aSettingSetToItsTableDefaultReadsLikeTheSettingLeftOut(Setting setting) throws ConfigException {
        for (Setting.Place place : Setting.Place.values()) {
            if (!setting.appliesTo(place)) {
                continue;
            }
            Map<String, String> without = new HashMap<>(ACCOUNT);
            Map<String, String> with = new HashMap<>(ACCOUNT);
            with.put(setting.key(), setting.defaultValue());
            Map<String, String> other = new HashMap<>(ACCOUNT);
            other.put(setting.key(), ANOTHER_VALUE.get(setting));
            boolean read = false;
            for (Reader reader : READERS.get(place)) {
                assertThat(reader.read(with)).as("%s at %s", setting, place).isEqualTo(reader.read(without));
                read |= !reader.read(other).equals(reader.read(without));
            }
            assertThat(read).as("some reader of %s reads %s", place, setting).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("settingsWithADefault")
    void aSettingsDefaultIsOneOfItsOptions(Setting setting) {
        if (!setting.options().isEmpty()) {
            assertThat(setting.options()).containsAll(List.of(setting.defaultValue().split("##")));
        }
    }
}
