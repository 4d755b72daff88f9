package io.github.kctwilio.otp.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerifyErrorsTest {

    /** Every code in the table of /work/shared/notes/twilio-verify.md that the plugin maps, with its usual HTTP status. */
    @ParameterizedTest(name = "{1} / {0} -> {2}")
    @CsvSource({
            "20003, 401, BAD_CREDENTIALS",
            "20404, 404, VERIFICATION_NOT_FOUND",
            "20429, 429, THROTTLED",
            "60200, 400, INVALID_PARAMETER",
            "60202, 429, TOO_MANY_CHECKS",
            "60203, 429, TOO_MANY_SENDS",
            "60205, 403, LANDLINE",
            "60212, 429, THROTTLED",
            "60223, 400, CHANNEL_DISABLED",
            "60410, 403, NUMBER_BLOCKED",
            "60413, 403, NUMBER_BLOCKED",
            "60605, 403, NUMBER_BLOCKED",
    })
    void mapsDocumentedTwilioCode(int twilioCode, int httpStatus, VerifyFailure expected) {
        assertThat(VerifyErrors.classify(httpStatus, twilioCode)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} without HTTP status -> {1}")
    @CsvSource({
            "20003, BAD_CREDENTIALS",
            "20404, VERIFICATION_NOT_FOUND",
            "60202, TOO_MANY_CHECKS",
            "60410, NUMBER_BLOCKED",
            "60413, NUMBER_BLOCKED",
    })
    void twilioCodeDecidesEvenWithoutHttpStatus(int twilioCode, VerifyFailure expected) {
        assertThat(VerifyErrors.classify(null, twilioCode)).isEqualTo(expected);
    }

    @Test
    void twilioCodeWinsOverAnUnusualHttpStatus() {
        assertThat(VerifyErrors.classify(500, 60202)).isEqualTo(VerifyFailure.TOO_MANY_CHECKS);
        assertThat(VerifyErrors.classify(400, 20003)).isEqualTo(VerifyFailure.BAD_CREDENTIALS);
    }

    @ParameterizedTest
    @ValueSource(ints = {60221, 99999, 0, -1, 21211, 60201})
    void unknownCodeWithBadRequestIsAnOutageNotTheUsersFault(int twilioCode) {
        VerifyFailure failure = VerifyErrors.classify(400, twilioCode);
        assertThat(failure).isEqualTo(VerifyFailure.UNAVAILABLE);
        assertThat(failure.needsAdminAttention()).isTrue();
    }

    @Test
    void unknownCodeFallsBackToTheHttpStatus() {
        assertThat(VerifyErrors.classify(401, 99999)).isEqualTo(VerifyFailure.BAD_CREDENTIALS);
        assertThat(VerifyErrors.classify(429, 99999)).isEqualTo(VerifyFailure.THROTTLED);
        assertThat(VerifyErrors.classify(503, 99999)).isEqualTo(VerifyFailure.UNAVAILABLE);
        assertThat(VerifyErrors.classify(null, 99999)).isEqualTo(VerifyFailure.UNAVAILABLE);
    }

    @Test
    void http401WithoutCodeIsBadCredentials() {
        assertThat(VerifyErrors.classify(401, null)).isEqualTo(VerifyFailure.BAD_CREDENTIALS);
    }

    @Test
    void http429WithoutCodeIsThrottled() {
        assertThat(VerifyErrors.classify(429, null)).isEqualTo(VerifyFailure.THROTTLED);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 599})
    void http5xxWithoutCodeIsUnavailableAndNeedsTheAdmin(int httpStatus) {
        VerifyFailure failure = VerifyErrors.classify(httpStatus, null);
        assertThat(failure).isEqualTo(VerifyFailure.UNAVAILABLE);
        assertThat(failure.needsAdminAttention()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 405, 422, 200, 302})
    void otherStatusesWithoutCodeAreUnavailable(int httpStatus) {
        assertThat(VerifyErrors.classify(httpStatus, null)).isEqualTo(VerifyFailure.UNAVAILABLE);
    }

    @Test
    void noAnswerAtAllIsUnavailable() {
        assertThat(VerifyErrors.classify(null, null)).isEqualTo(VerifyFailure.UNAVAILABLE);
    }
}
