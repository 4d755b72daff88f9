package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.TransportSettings;
import io.github.kctwilio.otp.verify.VerifyCredentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TwilioOtpConfig#resolve}: execution values, server defaults, validation and vault references. */
class OtpConfigResolutionTest {

    private static final String SERVER_ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String SERVER_SERVICE = "VA0123456789abcdef0123456789abcdef";
    private static final String SERVER_TOKEN = "server-token-q7w8e9";
    private static final String OWN_ACCOUNT = "ACFEDCBA9876543210FEDCBA9876543210";
    private static final String OWN_SERVICE = "VAfedcba9876543210fedcba9876543210";
    private static final String OWN_TOKEN = "execution-token-z1x2c3";

    private static final TransportSettings TRANSPORT =
            new TransportSettings(TransportSettings.TWILIO_VERIFY_URL, Duration.ofSeconds(2), Duration.ofSeconds(5));
    private static final ServerSettings SERVER = new ServerSettings(SERVER_ACCOUNT, SERVER_TOKEN, SERVER_SERVICE, TRANSPORT);
    private static final ServerSettings EMPTY_SERVER = new ServerSettings(null, null, null, TRANSPORT);
    private static final Function<String, Optional<String>> PLAIN = Optional::of;

    private final Map<String, String> execution = new HashMap<>();

    private TwilioOtpConfig resolve() throws ConfigException {
        return TwilioOtpConfig.resolve(execution, SERVER, PLAIN);
    }

    private ConfigException failure(Map<String, String> own, ServerSettings server) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> TwilioOtpConfig.resolve(own, server, PLAIN));
        assertThat(e).as("resolve should throw ConfigException").isNotNull();
        return e;
    }

    private ConfigException failure() {
        return failure(execution, SERVER);
    }

    private static Map<String, String> completeExecution() {
        Map<String, String> own = new HashMap<>();
        own.put(Setting.ACCOUNT_SID.key(), OWN_ACCOUNT);
        own.put(Setting.STEP_AUTH_TOKEN.key(), OWN_TOKEN);
        own.put(Setting.VERIFY_SERVICE_SID.key(), OWN_SERVICE);
        return own;
    }

    // ---- precedence ----------------------------------------------------------------------------------------

    @Test
    void executionValuesWinOverServerDefaults() throws ConfigException {
        execution.putAll(completeExecution());

        TwilioOtpConfig config = resolve();

        assertThat(config.credentials().accountSid()).isEqualTo(OWN_ACCOUNT);
        assertThat(config.credentials().authToken()).isEqualTo(OWN_TOKEN);
        assertThat(config.credentials().serviceSid()).isEqualTo(OWN_SERVICE);
    }

    @Test
    void usesServerDefaultsWhenExecutionLeavesSettingsOut() throws ConfigException {
        TwilioOtpConfig config = resolve();

        assertThat(config.credentials().accountSid()).isEqualTo(SERVER_ACCOUNT);
        assertThat(config.credentials().authToken()).isEqualTo(SERVER_TOKEN);
        assertThat(config.credentials().serviceSid()).isEqualTo(SERVER_SERVICE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void blankExecutionValuesFallBackToServerDefaults(String blank) throws ConfigException {
        execution.put(Setting.ACCOUNT_SID.key(), blank);
        execution.put(Setting.STEP_AUTH_TOKEN.key(), blank);
        execution.put(Setting.VERIFY_SERVICE_SID.key(), blank);
        execution.put(Setting.DEFAULT_CHANNEL.key(), blank);
        execution.put(Setting.DEFAULT_REGION.key(), blank);
        execution.put(Setting.RESET_WITHOUT_PHONE.key(), blank);

        TwilioOtpConfig config = resolve();

        assertThat(config.credentials()).isEqualTo(new VerifyCredentials(SERVER_ACCOUNT, SERVER_TOKEN, SERVER_SERVICE));
        assertThat(config.defaultChannel()).isEqualTo(Channel.SMS);
        assertThat(config.defaultRegion()).isNull();
        assertThat(config.resetWithoutPhone()).isEqualTo(TwilioOtpConfig.ResetWithoutPhone.REFUSE);
    }

    @Test
    void eachCredentialFallsBackOnItsOwn() throws ConfigException {
        execution.put(Setting.VERIFY_SERVICE_SID.key(), OWN_SERVICE);

        TwilioOtpConfig config = resolve();

        assertThat(config.credentials().accountSid()).isEqualTo(SERVER_ACCOUNT);
        assertThat(config.credentials().authToken()).isEqualTo(SERVER_TOKEN);
        assertThat(config.credentials().serviceSid()).isEqualTo(OWN_SERVICE);
    }

    @Test
    void worksWithoutServerDefaultsWhenExecutionHasEverything() throws ConfigException {
        TwilioOtpConfig config = TwilioOtpConfig.resolve(completeExecution(), EMPTY_SERVER, PLAIN);

        assertThat(config.credentials().accountSid()).isEqualTo(OWN_ACCOUNT);
        assertThat(config.credentials().serviceSid()).isEqualTo(OWN_SERVICE);
    }

    @Test
    void nullExecutionMapUsesServerDefaults() throws ConfigException {
        TwilioOtpConfig config = TwilioOtpConfig.resolve(null, SERVER, PLAIN);

        assertThat(config.credentials().accountSid()).isEqualTo(SERVER_ACCOUNT);
        assertThat(config.credentials().authToken()).isEqualTo(SERVER_TOKEN);
        assertThat(config.credentials().serviceSid()).isEqualTo(SERVER_SERVICE);
        assertThat(config.defaultChannel()).isEqualTo(Channel.SMS);
        assertThat(config.defaultRegion()).isNull();
        assertThat(config.resetWithoutPhone()).isEqualTo(TwilioOtpConfig.ResetWithoutPhone.REFUSE);
    }

    @Test
    void nullExecutionMapWithoutServerDefaultsNamesTheAccountSid() {
        assertThat(failure(null, EMPTY_SERVER).setting()).isEqualTo("accountSid");
    }

    @Test
    void trimsSidsAndToken() throws ConfigException {
        execution.put(Setting.ACCOUNT_SID.key(), "  " + OWN_ACCOUNT + " ");
        execution.put(Setting.STEP_AUTH_TOKEN.key(), " " + OWN_TOKEN + " ");
        execution.put(Setting.VERIFY_SERVICE_SID.key(), OWN_SERVICE + "\n");

        TwilioOtpConfig config = resolve();

        assertThat(config.credentials()).isEqualTo(new VerifyCredentials(OWN_ACCOUNT, OWN_TOKEN, OWN_SERVICE));
    }

    // ---- SIDs ----------------------------------------------------------------------------------------------

    @Test
    void missingAccountSidNamesAccountSid() {
        ConfigException e = failure(Map.of(Setting.VERIFY_SERVICE_SID.key(), OWN_SERVICE, Setting.STEP_AUTH_TOKEN.key(), OWN_TOKEN),
                EMPTY_SERVER);

        assertThat(e.setting()).isEqualTo(Setting.ACCOUNT_SID.key());
        assertThat(e.getMessage()).contains("accountSid");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "AC0123456789abcdef0123456789abcde",     // 31 hex
            "AC0123456789abcdef0123456789abcdef0",   // 33 hex
            "AC0123456789abcdef0123456789abcdeg",    // not hex
            "ac0123456789abcdef0123456789abcdef",    // lower-case prefix
            "VA0123456789abcdef0123456789abcdef",    // a service SID
            "SK0123456789abcdef0123456789abcdef",    // an API key SID
            "0123456789abcdef0123456789abcdef",
            "AC 0123456789abcdef0123456789abcdef",
            "<script>alert('AC')</script>",
    })
    void malformedAccountSidNamesAccountSidWithoutEchoingIt(String value) {
        execution.put(Setting.ACCOUNT_SID.key(), value);

        ConfigException e = failure();

        assertThat(e.setting()).isEqualTo(Setting.ACCOUNT_SID.key());
        assertThat(e.getMessage()).contains("accountSid").doesNotContain(value);
    }

    @Test
    void missingServiceSidNamesVerifyServiceSid() {
        ConfigException e = failure(Map.of(Setting.ACCOUNT_SID.key(), OWN_ACCOUNT, Setting.STEP_AUTH_TOKEN.key(), OWN_TOKEN),
                EMPTY_SERVER);

        assertThat(e.setting()).isEqualTo(Setting.VERIFY_SERVICE_SID.key());
        assertThat(e.getMessage()).contains("verifyServiceSid");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "VA0123456789abcdef0123456789abcde",
            "VA0123456789abcdef0123456789abcdef00",
            "VAzzzz456789abcdef0123456789abcdef",
            "va0123456789abcdef0123456789abcdef",
            "AC0123456789abcdef0123456789abcdef",
            "MG0123456789abcdef0123456789abcdef",
            "my-verify-service",
    })
    void malformedServiceSidNamesVerifyServiceSidWithoutEchoingIt(String value) {
        execution.put(Setting.VERIFY_SERVICE_SID.key(), value);

        ConfigException e = failure();

        assertThat(e.setting()).isEqualTo(Setting.VERIFY_SERVICE_SID.key());
        assertThat(e.getMessage()).contains("verifyServiceSid").doesNotContain(value);
    }

    @Test
    void malformedServerDefaultSidIsReportedToo() {
        ServerSettings badServer = new ServerSettings("AC-from-env", SERVER_TOKEN, SERVER_SERVICE, TRANSPORT);

        ConfigException e = failure(null, badServer);

        assertThat(e.setting()).isEqualTo(Setting.ACCOUNT_SID.key());
        assertThat(e.getMessage()).doesNotContain("AC-from-env");
    }

    @Test
    void acceptsUpperAndLowerCaseHex() throws ConfigException {
        execution.put(Setting.ACCOUNT_SID.key(), "ACABCDEF0123456789abcdef0123456789");
        execution.put(Setting.VERIFY_SERVICE_SID.key(), "VAabcdef0123456789ABCDEF0123456789");

        assertThat(resolve().credentials().accountSid()).isEqualTo("ACABCDEF0123456789abcdef0123456789");
    }

    // ---- auth token and vault ------------------------------------------------------------------------------

    @Test
    void missingAuthTokenNamesAuthToken() {
        ConfigException e = failure(Map.of(Setting.ACCOUNT_SID.key(), OWN_ACCOUNT, Setting.VERIFY_SERVICE_SID.key(), OWN_SERVICE),
                EMPTY_SERVER);

        assertThat(e.setting()).isEqualTo(Setting.STEP_AUTH_TOKEN.key());
        assertThat(e.getMessage()).contains("authToken");
    }

    @Test
    void resolvesVaultReferenceInExecutionToken() throws ConfigException {
        execution.put(Setting.STEP_AUTH_TOKEN.key(), "${vault.twilio_token}");
        List<String> asked = new ArrayList<>();
        Function<String, Optional<String>> vault = ref -> {
            asked.add(ref);
            return "${vault.twilio_token}".equals(ref) ? Optional.of("token-from-vault") : Optional.of(ref);
        };

        TwilioOtpConfig config = TwilioOtpConfig.resolve(execution, SERVER, vault);

        assertThat(config.credentials().authToken()).isEqualTo("token-from-vault");
        assertThat(asked).containsExactly("${vault.twilio_token}");
    }

    @Test
    void appliesSecretResolverToServerDefaultToken() throws ConfigException {
        Function<String, Optional<String>> vault = ref -> SERVER_TOKEN.equals(ref) ? Optional.of("resolved-server-token") : Optional.empty();

        TwilioOtpConfig config = TwilioOtpConfig.resolve(null, SERVER, vault);

        assertThat(config.credentials().authToken()).isEqualTo("resolved-server-token");
    }

    @Test
    void plainTokenPassesThroughTheResolverUnchanged() throws ConfigException {
        execution.put(Setting.STEP_AUTH_TOKEN.key(), OWN_TOKEN);

        assertThat(resolve().credentials().authToken()).isEqualTo(OWN_TOKEN);
    }

    @Test
    void missingVaultSecretNamesAuthTokenWithoutEchoingTheReference() {
        execution.put(Setting.STEP_AUTH_TOKEN.key(), "${vault.missing_key}");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> TwilioOtpConfig.resolve(execution, SERVER, ref -> Optional.empty()));

        assertThat(e).isNotNull();
        assertThat(e.setting()).isEqualTo(Setting.STEP_AUTH_TOKEN.key());
        assertThat(e.getMessage()).contains("authToken").doesNotContain("missing_key");
    }

    @Test
    void blankVaultSecretNamesAuthToken() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> TwilioOtpConfig.resolve(execution, SERVER, ref -> Optional.of("  ")));

        assertThat(e).isNotNull();
        assertThat(e.setting()).isEqualTo(Setting.STEP_AUTH_TOKEN.key());
    }

    @Test
    void trimsTheResolvedToken() throws ConfigException {
        TwilioOtpConfig config = TwilioOtpConfig.resolve(null, SERVER, ref -> Optional.of(" vault-token\n"));

        assertThat(config.credentials().authToken()).isEqualTo("vault-token");
    }

    @Test
    void toStringOfResolvedConfigNeverContainsTheToken() throws ConfigException {
        execution.putAll(completeExecution());

        assertThat(resolve().toString()).doesNotContain(OWN_TOKEN).contains(OWN_ACCOUNT);
    }

    // ---- defaultChannel ------------------------------------------------------------------------------------

    @Test
    void defaultChannelIsSmsWhenUnset() throws ConfigException {
        assertThat(resolve().defaultChannel()).isEqualTo(Channel.SMS);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void readsEveryChannelByItsWireName(Channel channel) throws ConfigException {
        execution.put(Setting.DEFAULT_CHANNEL.key(), channel.wireName());

        assertThat(resolve().defaultChannel()).isEqualTo(channel);
    }

    @Test
    void readsChannelInAnyCase() throws ConfigException {
        execution.put(Setting.DEFAULT_CHANNEL.key(), " WhatsApp ");

        assertThat(resolve().defaultChannel()).isEqualTo(Channel.WHATSAPP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fax", "sna", "auto", "voice", "sms,call", "telegram-xyz"})
    void unknownChannelNamesDefaultChannelWithoutEchoingIt(String value) {
        execution.put(Setting.DEFAULT_CHANNEL.key(), value);

        ConfigException e = failure();

        assertThat(e.setting()).isEqualTo(Setting.DEFAULT_CHANNEL.key());
        assertThat(e.getMessage()).contains("defaultChannel").doesNotContain(value);
    }

    // ---- defaultRegion -------------------------------------------------------------------------------------

    @Test
    void defaultRegionIsNullWhenUnset() throws ConfigException {
        assertThat(resolve().defaultRegion()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"DE, DE", "de, DE", "' us ', US", "Gb, GB"})
    void normalisesRegionToUpperCase(String value, String expected) throws ConfigException {
        execution.put(Setting.DEFAULT_REGION.key(), value);

        assertThat(resolve().defaultRegion()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XQ", "USA", "001", "UK", "EU", "germany", "Q1"})
    void unknownRegionNamesDefaultRegionWithoutEchoingIt(String value) {
        execution.put(Setting.DEFAULT_REGION.key(), value);

        ConfigException e = failure();

        assertThat(e.setting()).isEqualTo(Setting.DEFAULT_REGION.key());
        assertThat(e.getMessage()).contains("defaultRegion").doesNotContain(value);
    }

    // ---- resetWithoutPhone ---------------------------------------------------------------------------------

    @Test
    void refusesResetsWithoutAVerifiedNumberByDefault() throws ConfigException {
        assertThat(resolve().resetWithoutPhone()).isEqualTo(TwilioOtpConfig.ResetWithoutPhone.REFUSE);
    }

    @ParameterizedTest
    @CsvSource({"refuse, REFUSE", "skip, SKIP", "SKIP, SKIP", "' Refuse ', REFUSE"})
    void readsResetWithoutPhone(String value, TwilioOtpConfig.ResetWithoutPhone expected) throws ConfigException {
        execution.put(Setting.RESET_WITHOUT_PHONE.key(), value);

        assertThat(resolve().resetWithoutPhone()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "allow", "fallback", "0", "refused"})
    void malformedResetWithoutPhoneNamesTheSettingWithoutEchoingIt(String value) {
        execution.put(Setting.RESET_WITHOUT_PHONE.key(), value);

        ConfigException e = failure();

        assertThat(e.setting()).isEqualTo(Setting.RESET_WITHOUT_PHONE.key());
        assertThat(e.getMessage()).contains("resetWithoutPhone").contains("refuse or skip").doesNotContain("'" + value + "'");
    }

    // ---- allowPhoneSetup -----------------------------------------------------------------------------------

    @Test
    void allowsPhoneSetupByDefault() throws ConfigException {
        assertThat(resolve().allowPhoneSetup()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"true, true", "false, false", "TRUE, true", "' False ', false"})
    void readsAllowPhoneSetup(String value, boolean expected) throws ConfigException {
        execution.put(Setting.ALLOW_PHONE_SETUP.key(), value);

        assertThat(resolve().allowPhoneSetup()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "1", "0", "on", "off", "ture"})
    void malformedAllowPhoneSetupNamesTheSettingWithoutEchoingIt(String value) {
        execution.put(Setting.ALLOW_PHONE_SETUP.key(), value);

        ConfigException e = failure();

        assertThat(e.setting()).isEqualTo(Setting.ALLOW_PHONE_SETUP.key());
        assertThat(e.getMessage()).contains("allowPhoneSetup").doesNotContain("'" + value + "'").doesNotContain(" " + value + " ");
    }
}
