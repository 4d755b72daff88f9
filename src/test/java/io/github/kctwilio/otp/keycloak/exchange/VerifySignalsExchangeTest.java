package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;

import io.github.kctwilio.otp.config.Setting;
import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.keycloak.page.CodeFormView;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.verify.Channel;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Verify's own signals on every send, decided without a Keycloak server and sent for real to the emulator: the
 * admin's risk check, message template and app hash reach Twilio; a number Fraud Guard refuses gets the usual message
 * and event, and nothing more in this sign-in; the code form asks the browser for the code only with a template.
 */
class VerifySignalsExchangeTest {

    private static final String NUMBER = "+14155550123";
    private static final String TEMPLATE = "HJ" + "0123456789abcdef".repeat(2);
    private static final String APP_HASH = "He42w354ol9";

    private final ExchangeFixture fixture = new ExchangeFixture().set(Setting.CHANNELS.key(), "sms##call")
            .set(Setting.RESEND_WAITS.key(), "10s");

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void everySendCarriesTheRiskCheckTemplateAndAppHashTheChannelTakes() {
        fixture.set(Setting.RISK_CHECK.key(), "enable").set(Setting.TEMPLATE_SID.key(), TEMPLATE).set(Setting.APP_HASH.key(), APP_HASH);

        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        fixture.clock().advance(Duration.ofSeconds(11));
        fixture.delivery().resend(fixture.request(), Channel.CALL).orElseThrow();

        assertThat(fixture.twilio().requests()).hasSize(2);
        RecordedRequest sms = fixture.twilio().requests().get(0);
        assertThat(sms.param("RiskCheck")).isEqualTo("enable");
        assertThat(sms.param("TemplateSid")).isEqualTo(TEMPLATE);
        assertThat(sms.param("AppHash")).isEqualTo(APP_HASH);
        RecordedRequest call = fixture.twilio().requests().get(1);
        assertThat(call.param("TemplateSid")).as("Twilio's templates are for SMS and voice").isEqualTo(TEMPLATE);
        assertThat(call.param("AppHash")).as("the app hash is for SMS only").isNull();
    }

    @Test
    void blankSettingsSendNoneOfThemSoTwilioAppliesItsDefaults() {
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);

        RecordedRequest create = fixture.twilio().requests().get(0);
        assertThat(create.form()).doesNotContainKeys("RiskCheck", "TemplateSid", "AppHash");
    }

    @Test
    void aNumberFraudGuardRefusesGetsTheUsualMessageAndEventAndNothingMoreInThisSignIn() {
        fixture.twilio().blockByFraudGuard("+1415555");

        Outcome first = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);

        assertThat(first.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(first.messageKey()).isEqualTo(OtpMessages.CANNOT_SEND);
        verify(fixture.event()).error("twilio_number_blocked");
        CodeFormView form = CodeFormViews.of(fixture.request());
        assertThat(form.resendOffered()).isFalse();
        assertThat(form.alternatives()).as("no call instead").isEmpty();

        fixture.clock().advance(Duration.ofMinutes(1));
        assertThat(CodeDelivery.pending(fixture.request())).as("a reload").hasValueSatisfying(
                reload -> assertThat(reload.messageKey()).isEqualTo(OtpMessages.CANNOT_SEND));
        assertThat(fixture.delivery().resend(fixture.request(), Channel.CALL).orElseThrow().messageKey())
                .isEqualTo(OtpMessages.CANNOT_SEND);
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
    }

    @Test
    void theOtherNumberIsStillSentToAfterFraudGuardRefusedTheFirst() {
        fixture.twilio().blockByFraudGuard("+1415555");
        fixture.state().twoNumbers(NUMBER, "+13125550199");
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);

        fixture.delivery().sendToBackup(fixture.request());

        assertThat(fixture.twilio().requests()).extracting(r -> r.param("To")).containsExactly(NUMBER, "+13125550199");
        assertThat(fixture.state().verificationSid()).isPresent();
    }

    @Test
    void theCodeFormAsksTheBrowserForTheCodeOnlyWithATemplateAndAnSms() {
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        assertThat(CodeFormViews.of(fixture.request()).webOtp()).as("no template").isFalse();

        fixture.set(Setting.TEMPLATE_SID.key(), TEMPLATE);
        assertThat(CodeFormViews.of(fixture.request()).webOtp()).as("a template, a code by SMS").isTrue();

        fixture.clock().advance(Duration.ofSeconds(11));
        fixture.delivery().resend(fixture.request(), Channel.CALL).orElseThrow();
        assertThat(CodeFormViews.of(fixture.request()).webOtp()).as("a template, a code by call").isFalse();
    }
}
