package io.github.kctwilio.otp.keycloak.page;

import io.github.kctwilio.otp.keycloak.page.SendFailures;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.verify.VerifyException;
import io.github.kctwilio.otp.verify.VerifyFailure;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Which failed sends give their cap slots back: only those that surely reached nobody, through no fault of the user. */
class SendFailuresTest {

    private static VerifyException failure(VerifyFailure kind, Integer status, Throwable cause) {
        return new VerifyException(kind, status, null, "test", cause);
    }

    @Test
    void aTimeoutOrA5xxMayHaveSentTheCodeAndCounts() {
        assertThat(SendFailures.nothingWentOut(failure(VerifyFailure.UNAVAILABLE, null,
                new RuntimeException(new SocketTimeoutException("Read timed out"))))).isFalse();
        assertThat(SendFailures.nothingWentOut(failure(VerifyFailure.UNAVAILABLE, 503, null))).isFalse();
        assertThat(SendFailures.nothingWentOut(failure(VerifyFailure.UNAVAILABLE, 201, null))).as("accepted, body unreadable").isFalse();
    }

    @Test
    void aRefusalTheAdminMustFixOrNoConnectionAtAllGivesTheSlotsBack() {
        assertThat(SendFailures.nothingWentOut(failure(VerifyFailure.BAD_CREDENTIALS, 401, null))).isTrue();
        assertThat(SendFailures.nothingWentOut(failure(VerifyFailure.CHANNEL_DISABLED, 400, null))).isTrue();
        assertThat(SendFailures.nothingWentOut(failure(VerifyFailure.UNAVAILABLE, null,
                new RuntimeException(new ConnectException("Connection refused"))))).isTrue();
    }

    @Test
    void refusalsOfTheNumberCountSoThatRetryingBadNumbersIsNotFree() {
        assertThat(SendFailures.nothingWentOut(failure(VerifyFailure.INVALID_PARAMETER, 400, null))).isFalse();
        assertThat(SendFailures.nothingWentOut(failure(VerifyFailure.NUMBER_BLOCKED, 403, null))).isFalse();
    }
}
