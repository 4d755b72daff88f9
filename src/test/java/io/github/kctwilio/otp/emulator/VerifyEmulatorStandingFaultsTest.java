package io.github.kctwilio.otp.emulator;

import static io.github.kctwilio.otp.emulator.VerifyHttp.VERIFICATIONS;
import static io.github.kctwilio.otp.emulator.VerifyHttp.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A slow or hanging Twilio for every request (the benchmark's settings), over raw HTTP. */
class VerifyEmulatorStandingFaultsTest extends EmulatorTestSupport {

    @Test
    void delayEveryDelaysEachRequestUntilSwitchedOff() {
        emulator.delayEvery(Duration.ofMillis(300));

        long t0 = System.nanoTime();
        String sid = startVerification();
        long sendMs = elapsedMs(t0);
        long t1 = System.nanoTime();
        HttpResponse<String> check = http.checkBySid(sid, emulator.lastCodeSentTo(PHONE).orElseThrow());
        long checkMs = elapsedMs(t1);

        assertThat(sendMs).isGreaterThanOrEqualTo(300);
        assertThat(checkMs).isGreaterThanOrEqualTo(300);
        assertThat(VerifyHttp.json(check).get("status").asText()).as("delayed, then answered normally").isEqualTo("approved");

        emulator.delayEvery(Duration.ZERO);
        long t2 = System.nanoTime();
        http.create(OTHER_PHONE, "sms");
        assertThat(elapsedMs(t2)).isLessThan(300);
    }

    @Test
    void queuedFaultsComeBeforeTheStandingDelay() {
        emulator.delayEvery(Duration.ofMillis(200));
        emulator.failNext(503, 20503);

        long t0 = System.nanoTime();
        assertError(http.create(PHONE, "sms"), 503, 20503);
        assertThat(elapsedMs(t0)).as("the injected failure answers without the delay").isLessThan(200);
        assertThat(http.create(PHONE, "sms").statusCode()).isEqualTo(201);
    }

    @Test
    void hangEveryLeavesEveryRequestUnansweredUntilResetDropsThemAll() {
        emulator.hangEvery();
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(
                http.postCall(VERIFICATIONS, form("To", PHONE, "Channel", "sms")), Duration.ofSeconds(30));
        CompletableFuture<HttpResponse<String>> second = http.sendAsync(
                http.postCall(VERIFICATIONS, form("To", OTHER_PHONE, "Channel", "sms")), Duration.ofSeconds(30));
        awaitRequests(2);
        assertThatThrownBy(() -> http.send(http.postCall(VERIFICATIONS, form("To", PHONE, "Channel", "sms")),
                Duration.ofMillis(300))).hasRootCauseInstanceOf(HttpTimeoutException.class);

        emulator.reset();

        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        assertThat(sent).as("a hung request sends nothing").isEmpty();
        assertThat(http.create(PHONE, "sms").statusCode()).as("reset ends the hanging").isEqualTo(201);
    }

    @Test
    void aNegativeDelayIsRefused() {
        assertThatThrownBy(() -> emulator.delayEvery(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
