package io.github.kctwilio.otp.keycloak.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;

import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.keycloak.page.OtpFormFields;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.keycloak.page.PageMessage;
import io.github.kctwilio.otp.verify.Channel;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.events.Errors;

/**
 * Checking a typed code, decided without a Keycloak server: approval only for the code Twilio sent (the emulator,
 * through twilio-java), and input that cannot be a code, or comes too late, never reaches Twilio.
 */
class CodeCheckTest {

    private static final String NUMBER = "+14155550188";

    private final ExchangeFixture fixture = new ExchangeFixture();

    @BeforeEach
    void sendACode() {
        fixture.delivery().sendFirst(fixture.request(), NUMBER, Purpose.SIGN_IN, false);
        fixture.clock().advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void theRightCodeIsApprovedForTheNumberAndChannelAndEndsThisSignInsVerification() {
        Outcome outcome = fixture.check().submit(fixture.request(), fixture.codeSentTo(NUMBER));

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.APPROVED);
        assertThat(outcome.approval()).isEqualTo(new Outcome.Approval(NUMBER, Channel.SMS, false));
        assertThat(fixture.twilioRequests(RequestKind.CHECK)).isEqualTo(1);
        assertThat(fixture.authNotes()).as("the step's state of this sign-in is cleared").isEmpty();
        assertThat(fixture.state().sendCount()).as("the sign-in's sends stay counted").isEqualTo(1);
    }

    @Test
    void aWrongCodeIsAWrongCodeOutcomeWithTheFieldMessageAndAFailureEvent() {
        String sent = fixture.codeSentTo(NUMBER);

        Outcome outcome = fixture.check().submit(fixture.request(), sent.equals("000000") ? "111111" : "000000");

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.WRONG_CODE);
        assertThat(outcome.message()).usingRecursiveComparison()
                .isEqualTo(PageMessage.fieldError(OtpFormFields.CODE, OtpMessages.WRONG_CODE));
        assertThat(fixture.twilioRequests(RequestKind.CHECK)).isEqualTo(1);
        assertThat(fixture.state().verificationPending(fixture.clock().instant())).as("the code may still be typed").isTrue();
        verify(fixture.event()).error(Errors.INVALID_USER_CREDENTIALS);
    }

    @ParameterizedTest(name = "[{0}] is answered with {1}")
    @CsvSource(value = {
            "NULL,        twilioOtpMissingCode",
            "'',          twilioOtpMissingCode",
            "'   ',       twilioOtpMissingCode",
            "12ab56,      twilioOtpInvalidCodeFormat",
            "123,         twilioOtpInvalidCodeFormat",
            "12345678901, twilioOtpInvalidCodeFormat",
            "1234 OR 1=1, twilioOtpInvalidCodeFormat",
    }, nullValues = "NULL")
    void aBlankOrMalformedCodeGetsTheFieldMessageAndNoTwilioRequest(String typed, String messageKey) {
        Outcome outcome = fixture.check().submit(fixture.request(), typed);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.message()).usingRecursiveComparison().isEqualTo(PageMessage.fieldError(OtpFormFields.CODE, messageKey));
        assertThat(fixture.twilioRequests(RequestKind.CHECK)).isZero();
        assertThat(fixture.state().checkCount()).as("not a guess worth counting").isZero();
    }

    @Test
    void aCodeTypedTenMinutesAfterTheSendIsExpiredWithoutATwilioRequest() {
        fixture.clock().advance(Duration.ofMinutes(9)); // ten minutes after the send

        Outcome outcome = fixture.check().submit(fixture.request(), fixture.codeSentTo(NUMBER));

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.messageKey()).isEqualTo(OtpMessages.CODE_EXPIRED);
        assertThat(fixture.twilioRequests(RequestKind.CHECK)).isZero();
    }

    @Test
    void aVerificationTwilioNoLongerKnowsIsExpiredAndAcceptsNoFurtherCode() {
        fixture.twilio().failNext(404, 20404);

        Outcome outcome = fixture.check().submit(fixture.request(), fixture.codeSentTo(NUMBER));

        assertThat(outcome.messageKey()).isEqualTo(OtpMessages.CODE_EXPIRED);
        assertThat(fixture.state().verificationPending(fixture.clock().instant())).isFalse();
        verify(fixture.event()).error(Errors.EXPIRED_CODE);

        Outcome next = fixture.check().submit(fixture.request(), fixture.codeSentTo(NUMBER));
        assertThat(next.messageKey()).isEqualTo(OtpMessages.CODE_EXPIRED);
        assertThat(fixture.twilioRequests(RequestKind.CHECK)).as("only the first reached Twilio").isEqualTo(1);
    }

    @Test
    void onceTheSignInIsADecoyEvenTheCodeTwilioSentIsNeverApprovedNorChecked() {
        // A reset whose account got locked mid-way: from then on the decoy answers (TwilioOtpAuthenticator).
        fixture.state().decoyFromNowOn();

        Outcome outcome = fixture.check().submit(fixture.request(), fixture.codeSentTo(NUMBER));

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.WRONG_CODE);
        assertThat(fixture.twilioRequests(RequestKind.CHECK)).isZero();
        assertThat(fixture.state().verificationSid()).as("nothing was cleared as for an approval").isPresent();
    }
}
