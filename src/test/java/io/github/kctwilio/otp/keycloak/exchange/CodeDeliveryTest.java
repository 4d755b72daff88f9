package io.github.kctwilio.otp.keycloak.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.verify;

import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import io.github.kctwilio.otp.config.Setting;
import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.OtpFormFields;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.keycloak.page.PageMessage;
import io.github.kctwilio.otp.verify.Channel;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.events.Errors;

/**
 * Sending a code, decided without a Keycloak server: what the user sees next ({@link Outcome}), and what Twilio (the
 * emulator, through twilio-java) received. Every refusal of our own must cost no Twilio request.
 */
class CodeDeliveryTest {

    private static final String NUMBER = "+14155550123";

    private final ExchangeFixture fixture = new ExchangeFixture();

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void aFirstSendShowsTheCodeFormAndMakesExactlyOneTwilioRequest() {
        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.message()).isNull();
        assertThat(fixture.twilio().requests()).singleElement().satisfies(request -> {
            assertThat(request.kind()).isEqualTo(RequestKind.CREATE_VERIFICATION);
            assertThat(request.param("To")).isEqualTo(NUMBER);
            assertThat(request.param("Channel")).isEqualTo("sms");
        });
        OtpAuthState state = fixture.state();
        assertThat(state.verificationSid()).isPresent();
        assertThat(state.phone()).contains(NUMBER);
        assertThat(state.sendCount()).isEqualTo(1);
    }

    @Test
    void aReloadWhileACodeIsOutShowsTheCodeFormAgainAndSendsNothing() {
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        fixture.clock().advance(Duration.ofMinutes(2));

        assertThat(CodeDelivery.pending(fixture.request())).hasValueSatisfying(outcome -> {
            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
            assertThat(outcome.message()).isNull();
        });
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
    }

    @Test
    void aResendBeforeTheFirstWaitShowsTheCodeFormAndSendsNothing() {
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        fixture.clock().advance(Duration.ofSeconds(29));

        Outcome outcome = fixture.delivery().resend(fixture.request(), Channel.SMS).orElseThrow();

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.message()).as("the form itself counts down the wait").isNull();
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(fixture.state().sendCount()).isEqualTo(1);
    }

    @Test
    void aResendAfterTheFirstWaitSaysANewCodeWasSentUnderTheSameVerification() {
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        String firstSid = fixture.state().verificationSid().orElseThrow();
        fixture.clock().advance(Duration.ofSeconds(33)); // 30 s and at most 10 % jitter

        Outcome outcome = fixture.delivery().resend(fixture.request(), Channel.CALL).orElseThrow();

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.message()).usingRecursiveComparison().isEqualTo(PageMessage.info(OtpMessages.NEW_CODE_SENT));
        assertThat(fixture.twilio().requests()).extracting(RecordedRequest::kind, r -> r.param("Channel"))
                .containsExactly(tuple(RequestKind.CREATE_VERIFICATION, "sms"),
                        tuple(RequestKind.CREATE_VERIFICATION, "call"));
        assertThat(fixture.state().verificationSid()).contains(firstSid);
        assertThat(fixture.state().channel()).isEqualTo(Channel.CALL);
    }

    @Test
    void aResendBeforeAnyNumberWasChosenIsNotASend() {
        assertThat(fixture.delivery().resend(fixture.request(), Channel.SMS)).isEmpty();
        assertThat(fixture.twilio().requests()).isEmpty();
    }

    @Test
    void theSignInsSendCapRefusesTheNextSendWithItsMessageAndNoTwilioRequest() {
        fixture.set(Setting.MAX_SENDS_PER_LOGIN.key(), "2");
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        fixture.clock().advance(Duration.ofMinutes(1));
        fixture.delivery().resend(fixture.request(), Channel.SMS).orElseThrow();
        fixture.clock().advance(Duration.ofMinutes(2)); // past the second wait (60 s and its jitter)

        Outcome outcome = fixture.delivery().resend(fixture.request(), Channel.SMS).orElseThrow();

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.messageKey()).isEqualTo(OtpMessages.LOGIN_SEND_CAP);
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
        verify(fixture.event()).error(OtpEvents.SEND_LIMIT);
    }

    @Test
    void anotherNumberAfterTheSignInsSendCapGoesBackToThePhoneFormWithTheRefusalAndNoTwilioRequest() {
        fixture.set(Setting.MAX_SENDS_PER_LOGIN.key(), "1");
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.ENROLMENT, true);
        fixture.state().startOver(); // "Use another number": the sign-in's sends stay counted

        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), "+14155550124", Purpose.ENROLMENT, true);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.PHONE_FORM);
        assertThat(outcome.messageKey()).isEqualTo(OtpMessages.LOGIN_SEND_CAP);
        assertThat(outcome.typed()).isEqualTo("+14155550124");
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
    }

    @Test
    void thePerNumberCapInTheSharedStoreRefusesWithHowLongToWaitAndNoTwilioRequest() {
        fixture.set(Setting.SEND_LIMIT_PER_NUMBER.key(), "1/1h");
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        fixture.clock().advance(Duration.ofMinutes(1));

        Outcome outcome = fixture.delivery().resend(fixture.request(), Channel.SMS).orElseThrow();

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.messageKey()).isEqualTo(OtpMessages.SEND_LIMIT);
        assertThat(outcome.message().params()).as("minutes to wait").hasSize(1);
        assertThat((Long) outcome.message().params()[0]).isBetween(1L, 60L);
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(fixture.singleUseObjects().keys()).as("the caps' keys hold keyed hashes, never the number")
                .isNotEmpty().noneMatch(key -> key.contains("4155550123"));
    }

    @Test
    void aRealmWithoutAnHmacKeySendsNothingAndSaysTheStepIsNotConfigured() {
        fixture.withoutHmacKey();

        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.messageKey()).isEqualTo(OtpMessages.NOT_CONFIGURED);
        assertThat(fixture.twilio().requests()).isEmpty();
        verify(fixture.event()).error(Errors.INVALID_CONFIG);
    }

    @ParameterizedTest(name = "Twilio {1} ({2}) on a number being enrolled, channels {0}")
    @CsvSource({
            "sms##call, 400, 60200, twilio_invalid_parameter",
            "sms,       403, 60205, twilio_landline",
            "sms##call, 403, 60410, twilio_number_blocked",
            "sms##call, 403, 60605, twilio_number_blocked",
    })
    void aNumberTwilioRejectsWhileEnrollingGoesBackToThePhoneFormWithTheFieldErrorAndTheTypedNumber(
            String channels, int status, int twilioCode, String eventError) {
        fixture.set(Setting.CHANNELS.key(), channels);
        fixture.twilio().failNext(status, twilioCode);

        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.ENROLMENT, true);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.PHONE_FORM);
        assertThat(outcome.message()).usingRecursiveComparison().isEqualTo(PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, OtpMessages.CANNOT_SEND));
        assertThat(outcome.typed()).isEqualTo(NUMBER);
        assertThat(fixture.state().stage()).isEqualTo(OtpAuthState.Stage.PHONE_ENTRY);
        assertThat(fixture.state().verificationSid()).isEmpty();
        assertThat(fixture.state().sendCount()).as("a refused number still counts, or retrying bad numbers costs nothing")
                .isEqualTo(1);
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        verify(fixture.event()).error(eventError);
    }

    @Test
    void aLandlineWithTheVoiceChannelOfferedShowsTheCodeFormOfferingTheCall() {
        fixture.twilio().failNext(403, 60205);

        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.message()).usingRecursiveComparison().isEqualTo(PageMessage.error(OtpMessages.LANDLINE_CALL));
        OtpAuthState state = fixture.state();
        assertThat(state.stage()).isEqualTo(OtpAuthState.Stage.CODE_ENTRY);
        assertThat(state.phone()).contains(NUMBER);
        assertThat(state.verificationSid()).as("no code went out").isEmpty();
        assertThat(CodeFormViews.of(fixture.request()).alternatives()).contains(Channel.CALL.wireName());
    }

    @Test
    void aChannelTheVerifyServiceDisabledIsReplacedOnTheFormAndSkippedByTheNextFirstSend() {
        fixture.twilio().failNext(400, 60223);

        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.message()).usingRecursiveComparison().isEqualTo(PageMessage.error(OtpMessages.CHANNEL_UNAVAILABLE));
        assertThat(CodeFormViews.of(fixture.request()).alternatives()).containsExactly(Channel.CALL.wireName());

        fixture.state().clear();
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        assertThat(fixture.twilio().requests()).extracting(r -> r.param("Channel")).containsExactly("sms", "call");
    }

    @Test
    void withEveryOfferedChannelDisabledAFirstSendIsAnErrorPageWithoutATwilioRequest() {
        fixture.set(Setting.CHANNELS.key(), "sms");
        fixture.twilio().failNext(400, 60223);
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        fixture.state().clear();

        Outcome outcome = fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.ERROR_PAGE);
        assertThat(outcome.messageKey()).isEqualTo(OtpMessages.NO_CHANNEL);
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
    }
}
