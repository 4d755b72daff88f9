package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.kctwilio.otp.limits.ResendSchedule;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.SendOptions;
import io.github.kctwilio.otp.verify.TransportSettings;
import io.github.kctwilio.otp.verify.VerifyCredentials;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The order in which a realm's Twilio account is read: a step's own value, else the realm's (the required action's
 * settings), else the server option; the required action reads the realm's, else the handing-over step's, else the
 * server option. Each of the three settings on its own; nothing else moves between levels.
 */
class TwilioAccountTest {

    private static final Level STEP = new Level("AC" + "1".repeat(32), "step-token", "VA" + "1".repeat(32));
    private static final Level REALM = new Level("AC" + "2".repeat(32), "realm-token", "VA" + "2".repeat(32));
    private static final Level SERVER_LEVEL = new Level("AC" + "3".repeat(32), "server-token", "VA" + "3".repeat(32));
    private static final ServerSettings SERVER = new ServerSettings(SERVER_LEVEL.account(), SERVER_LEVEL.token(), SERVER_LEVEL.service(),
            new TransportSettings(TransportSettings.TWILIO_VERIFY_URL, Duration.ofSeconds(2), Duration.ofSeconds(5)));
    private static final ServerSettings EMPTY_SERVER = new ServerSettings(null, null, null, SERVER.transport());

    private record Level(String account, String token, String service) {
        Map<String, String> settings() {
            return new HashMap<>(Map.of(Setting.ACCOUNT_SID.key(), account, Setting.STEP_AUTH_TOKEN.key(), token,
                    Setting.VERIFY_SERVICE_SID.key(), service));
        }

        VerifyCredentials credentials() {
            return new VerifyCredentials(account, token, service);
        }
    }

    private static VerifyCredentials credentials(Map<String, String> own, Map<String, String> below, ServerSettings server)
            throws ConfigException {
        return TwilioOtpConfig.resolve(TwilioAccount.over(own, below), server, Optional::of).credentials();
    }

    @Test
    void aStepsOwnAccountWinsOverTheRealmsAndTheServers() throws ConfigException {
        assertThat(credentials(STEP.settings(), REALM.settings(), SERVER)).isEqualTo(STEP.credentials());
    }

    @Test
    void aStepThatLeavesTheAccountBlankUsesTheRealmsBeforeTheServers() throws ConfigException {
        assertThat(credentials(null, REALM.settings(), SERVER)).isEqualTo(REALM.credentials());
        assertThat(credentials(Map.of(Setting.ACCOUNT_SID.key(), " ", Setting.STEP_AUTH_TOKEN.key(), ""), REALM.settings(), SERVER))
                .as("blank values are unset").isEqualTo(REALM.credentials());
    }

    @Test
    void withTheAccountOnNeitherLevelTheServerOptionsApply() throws ConfigException {
        assertThat(credentials(Map.of(), null, SERVER)).isEqualTo(SERVER_LEVEL.credentials());
    }

    @Test
    void eachAccountSettingIsReadOnItsOwn() throws ConfigException {
        Map<String, String> step = Map.of(Setting.VERIFY_SERVICE_SID.key(), STEP.service());
        Map<String, String> realm = Map.of(Setting.ACCOUNT_SID.key(), REALM.account());

        assertThat(credentials(step, realm, SERVER)).isEqualTo(new VerifyCredentials(REALM.account(), SERVER_LEVEL.token(), STEP.service()));
    }

    @Test
    void theRequiredActionReadsTheRealmsAccountBeforeTheHandingOverStepsAndTheServersLast() throws ConfigException {
        assertThat(credentials(REALM.settings(), STEP.settings(), SERVER)).isEqualTo(REALM.credentials());
        assertThat(credentials(Map.of(), STEP.settings(), SERVER)).as("the realm has none").isEqualTo(STEP.credentials());
        assertThat(credentials(Map.of(), null, SERVER)).as("no step handed the user over").isEqualTo(SERVER_LEVEL.credentials());
    }

    @Test
    void onlyTheAccountMovesBetweenLevels() throws ConfigException {
        Map<String, String> realm = REALM.settings();
        realm.putAll(Map.of(Setting.CHANNELS.key(), "whatsapp", Setting.DEFAULT_REGION.key(), "DE",
                Setting.RESEND_WAITS.key(), "0s", Setting.TEMPLATE_SID.key(), "HJ" + "0".repeat(32),
                Setting.ALLOW_PHONE_SETUP.key(), "false"));

        TwilioOtpConfig step = TwilioOtpConfig.resolve(TwilioAccount.over(Map.of(), realm), SERVER, Optional::of);

        assertThat(step.channels()).containsExactly(Channel.SMS, Channel.CALL);
        assertThat(step.defaultRegion()).isNull();
        assertThat(step.resendWaits()).isEqualTo(ResendSchedule.parse(ResendSchedule.DEFAULT).orElseThrow());
        assertThat(step.sendOptions()).isEqualTo(SendOptions.TWILIO_DEFAULTS);
        assertThat(step.allowPhoneSetup()).isTrue();
    }

    @Test
    void anAccountSetNowhereNamesTheSettingAndWhereItCouldBeSet() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> credentials(Map.of(), Map.of(), EMPTY_SERVER));

        assertThat(e.setting()).isEqualTo(Setting.ACCOUNT_SID.key());
        assertThat(e.getMessage()).contains("the step's settings", "the required action \"Verify phone number\"", "server option");
    }
}
