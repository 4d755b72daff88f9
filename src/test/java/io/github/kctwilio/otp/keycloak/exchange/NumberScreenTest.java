package io.github.kctwilio.otp.keycloak.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import io.github.kctwilio.otp.config.Setting;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.OtpFormFields;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.limits.SendRequest;
import io.github.kctwilio.otp.testsupport.CapturedLog;
import io.github.kctwilio.otp.verify.DecoyVerifyGateway;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.Constants;

/**
 * Twilio Lookup before a send, decided without a Keycloak server: which sends ask Lookup (the emulator's Lookup v2,
 * through twilio-java), what a refused number costs (no Verify request), what the user sees next, and that an answer is
 * kept per number in the single-use-object store.
 */
class NumberScreenTest {

    private static final String NUMBER = "+14155550123";

    private final ExchangeFixture fixture = new ExchangeFixture().rule(Setting.LOOKUP_ENABLED.key(), "true");

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void anOrdinarySignInAsksLookupNothing() {
        fixture.rule(Setting.LOOKUP_SIM_SWAP_PERIOD.key(), "24h");

        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(fixture.twilioRequests(RequestKind.LOOKUP)).isZero();
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
    }

    @Test
    void aMobileNumberIsLookedUpOnceForItsLineTypeThenGetsItsCode() {
        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.ENROLMENT, true);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(fixture.twilio().requests()).extracting(r -> r.kind()).containsExactly(RequestKind.LOOKUP, RequestKind.CREATE_VERIFICATION);
        assertThat(fixture.twilio().requests().get(0).query().get("Fields")).containsExactly("line_type_intelligence");
    }

    @Test
    void aVoipNumberGoesBackToThePhoneFormWithItsMessageAnEventAndNoVerifyRequest() {
        fixture.twilio().lookup().lineType(NUMBER, "nonFixedVoip");

        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.ENROLMENT, true);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.PHONE_FORM);
        assertThat(outcome.typed()).isEqualTo(NUMBER);
        assertThat(outcome.message().field()).isEqualTo(OtpFormFields.PHONE_NUMBER);
        assertThat(outcome.messageKey()).isEqualTo(OtpMessages.LINE_TYPE_REFUSED);
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isZero();
        assertThat(fixture.state().sendCount()).as("no code went out").isZero();
        verify(fixture.event()).detail(OtpEvents.DETAIL_LOOKUP_REASON, "line_type");
        verify(fixture.event()).detail(OtpEvents.DETAIL_LOOKUP, "lineType=nonFixedVoip");
        verify(fixture.event()).error(OtpEvents.LOOKUP_REFUSED);
    }

    @Test
    void aNumberIsLookedUpOnceForEveryAccountWhileItsAnswerIsKept() {
        fixture.twilio().lookup().lineType(NUMBER, "nonFixedVoip");
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.ENROLMENT, true);
        fixture.state().clear(); // another attempt, as a second account's sign-in would start
        fixture.clock().advance(Duration.ofDays(6));

        Outcome again = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGNUP, true);

        assertThat(again.messageKey()).isEqualTo(OtpMessages.LINE_TYPE_REFUSED);
        assertThat(fixture.twilioRequests(RequestKind.LOOKUP)).as("the kept answer, 6 of its 7 days old").isEqualTo(1);
        fixture.state().clear();
        fixture.clock().advance(Duration.ofDays(1));

        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.ENROLMENT, true);
        assertThat(fixture.twilioRequests(RequestKind.LOOKUP)).as("asked again once the answer is 7 days old").isEqualTo(2);
    }

    @Test
    void aSignupToANumberWithAHighPumpingRiskIsRefusedOnThePhoneField() {
        fixture.rule(Setting.LOOKUP_SMS_PUMPING_RISK_THRESHOLD.key(), "60");
        fixture.twilio().lookup().smsPumpingRisk(NUMBER, 85);

        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGNUP, true);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.PHONE_FORM);
        assertThat(outcome.messageKey()).isEqualTo(OtpMessages.CANNOT_SEND);
        assertThat(fixture.twilio().requests().get(0).query().get("Fields")).containsExactly("line_type_intelligence,sms_pumping_risk");
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isZero();
        verify(fixture.event()).detail(OtpEvents.DETAIL_LOOKUP_REASON, "sms_pumping_risk");
    }

    @Test
    void lookupDownLetsTheCodeGoUnderAllowWithOneLogLineWithoutTheNumber() {
        fixture.twilio().lookup().failNext(503, 20503);

        Outcome outcome;
        try (CapturedLog log = CapturedLog.of(NumberScreen.class)) {
            outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.ENROLMENT, true);

            assertThat(log.messages()).singleElement().asString()
                    .startsWith("WARN Twilio OTP: Twilio Lookup failed in realm " + ExchangeFixture.REALM_NAME + " (enrolment); "
                            + "the code is sent anyway (lookupFailure allow): Lookup UNAVAILABLE (http=503, twilioCode=20503)")
                    .doesNotContain(NUMBER).doesNotContain(NUMBER.substring(1));
        }
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        verify(fixture.event(), never()).error(anyString());
    }

    @Test
    void lookupDownRefusesTheCodeUnderRefuseAndSaysTheServiceIsUnavailable() {
        fixture.rule(Setting.LOOKUP_FAILURE.key(), "refuse");
        fixture.twilio().lookup().failNext(503, 20503);

        Outcome outcome;
        try (CapturedLog log = CapturedLog.of(NumberScreen.class)) {
            outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.ENROLMENT, true);
            assertThat(log.messages()).singleElement().asString().contains("the code is not sent (lookupFailure refuse)");
        }

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.PHONE_FORM);
        assertThat(outcome.messageKey()).isEqualTo(OtpMessages.SERVICE_UNAVAILABLE);
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isZero();
        verify(fixture.event()).detail(OtpEvents.DETAIL_LOOKUP_REASON, "lookup_failed");
        verify(fixture.event()).error(OtpEvents.LOOKUP_REFUSED);
    }

    @Test
    void aRecentSimSwapStopsTheStepUpCodeWithTheSecurityMessage() {
        fixture.rule(Setting.LOOKUP_SIM_SWAP_PERIOD.key(), "24h");
        fixture.twilio().lookup().simSwappedAgo(NUMBER, Duration.ofHours(2));

        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.STEP_UP, false);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.ERROR_PAGE);
        assertThat(outcome.messageKey()).isEqualTo(OtpMessages.SIM_SWAP_BLOCKED);
        assertThat(fixture.twilio().requests().get(0).query().get("Fields")).containsExactly("sim_swap");
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isZero();
        verify(fixture.event()).error(OtpEvents.SIM_SWAP_RECENT);
    }

    @Test
    void aRecentSimSwapTurnsTheResetIntoADecoyWhosePageTellsNothing() {
        fixture.rule(Setting.LOOKUP_SIM_SWAP_PERIOD.key(), "24h");
        fixture.twilio().lookup().simSwappedAgo(NUMBER, Duration.ofHours(2));
        fixture.state().hideTarget(); // as the reset step does first

        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.RESET, true);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.message()).as("as a decoy's first page").isNull();
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isZero();
        OtpAuthState state = fixture.state();
        assertThat(state.decoy()).isTrue();
        assertThat(state.verificationSid()).contains(DecoyVerifyGateway.SID);
        assertThat(state.sendCount()).as("counted like a real send").isEqualTo(1);
        verify(fixture.event()).error(OtpEvents.SIM_SWAP_RECENT);
    }

    @Test
    void aDecoyResetAsksLookupNothingButWaitsAsLongAsLookupTakes() {
        fixture.rule(Setting.LOOKUP_SIM_SWAP_PERIOD.key(), "24h");
        fixture.withoutAccount();
        fixture.state().decoyFromNowOn();
        String decoyKey = SendRequest.resetDecoy("nobody", null).target();

        long started = System.nanoTime();
        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), decoyKey, Purpose.RESET, true);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(fixture.twilio().requests()).isEmpty();
        // Before any real request, a typical round trip stands in for Lookup and for Verify alike: 150 ms each.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        verify(fixture.event(), never()).detail(eq(OtpEvents.DETAIL_LOOKUP_REASON), anyString());
    }

    @Test
    void aStepUpIsAClientAskingForALevelTheSignInHasNotReached() {
        assertThat(NumberScreen.stepUp(fixture.authSession())).as("no level asked for").isFalse();
        fixture.authSession().setClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION, "2");
        assertThat(NumberScreen.stepUp(fixture.authSession())).as("nothing reached yet").isTrue();
        fixture.authSession().setAuthNote(Constants.LEVEL_OF_AUTHENTICATION, "1");
        assertThat(NumberScreen.stepUp(fixture.authSession())).as("the password's level 1 only").isTrue();
        fixture.authSession().setAuthNote(Constants.LEVEL_OF_AUTHENTICATION, "2");
        assertThat(NumberScreen.stepUp(fixture.authSession())).as("level 2 reached").isFalse();
    }

    @Test
    void theActionSendsForASignupOnlyAfterTheSignupFormMarkedTheSignIn() {
        assertThat(NumberScreen.inAction(fixture.authSession())).isEqualTo(Purpose.ENROLMENT);
        NumberScreen.markSignup(fixture.authSession());
        assertThat(NumberScreen.inAction(fixture.authSession())).isEqualTo(Purpose.SIGNUP);
    }
}
