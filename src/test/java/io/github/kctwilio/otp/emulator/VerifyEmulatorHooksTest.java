package io.github.kctwilio.otp.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.github.kctwilio.otp.emulator.VerifyHttp.CHECK;
import static io.github.kctwilio.otp.emulator.VerifyHttp.VERIFICATIONS;
import static io.github.kctwilio.otp.emulator.VerifyHttp.form;
import static io.github.kctwilio.otp.emulator.VerifyHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The emulator's test hooks over raw HTTP: fault injection, request recording, clock, reset and close. */
class VerifyEmulatorHooksTest extends EmulatorTestSupport {

    // ---- fault injection ----

    @Test
    void failNextAnswersOnceWithTheInjectedErrorAndChangesNothing() {
        emulator.failNext(403, 60410);

        assertError(http.create(PHONE, "sms"), 403, 60410);
        assertThat(sent).isEmpty();
        assertThat(emulator.lastCodeSentTo(PHONE)).isEmpty();

        assertThat(http.create(PHONE, "sms").statusCode()).isEqualTo(201);
        assertThat(json(http.fetch(sent.get(0).verificationSid())).get("send_code_attempts")).hasSize(1);
    }

    @Test
    void injectedFailureOfACheckDoesNotCountAsAnAttempt() {
        String sid = startVerification();
        for (int i = 0; i < 5; i++) {
            emulator.failNext(503, 20503);
        }
        for (int i = 0; i < 5; i++) {
            assertError(http.checkBySid(sid, wrongCode()), 503, 20503);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(json(http.checkBySid(sid, wrongCode())).get("status").asText()).isEqualTo("pending");
        }
    }

    @Test
    void failNextWithBodyAnswersWithTheRawBody() {
        emulator.failNextWithBody(503, "<html><body>Service Unavailable</body></html>", "text/html");
        emulator.failNextWithBody(200, "{\"sid\": \"VE", "application/json");

        HttpResponse<String> html = http.create(PHONE, "sms");
        HttpResponse<String> truncated = http.create(PHONE, "sms");

        assertThat(html.statusCode()).isEqualTo(503);
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(html.body()).isEqualTo("<html><body>Service Unavailable</body></html>");
        assertThat(truncated.statusCode()).isEqualTo(200);
        assertThat(truncated.body()).isEqualTo("{\"sid\": \"VE");
        assertThat(sent).isEmpty();
    }

    @Test
    void injectedFaultsAreConsumedInOrderOnePerRequest() {
        emulator.failNext(429, 20429);
        emulator.failNextWithBody(502, "bad gateway", "text/plain");
        emulator.failNext(500, 20500);

        assertError(http.create(PHONE, "sms"), 429, 20429);
        assertThat(http.fetch("VE" + "0".repeat(32)).statusCode()).isEqualTo(502);
        assertError(http.post(CHECK, form("To", PHONE, "Code", "123456")), 500, 20500);
        assertThat(http.create(PHONE, "sms").statusCode()).isEqualTo(201);
    }

    @Test
    void delayNextAnswersNormallyAfterTheDelay() {
        emulator.delayNext(Duration.ofMillis(600));

        long t0 = System.nanoTime();
        HttpResponse<String> r = http.create(PHONE, "sms");
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(600);
        long t1 = System.nanoTime();
        http.create(OTHER_PHONE, "sms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1)).isLessThan(600);
    }

    @Test
    void delayedSendStillHappensWhenTheClientHasGivenUp() {
        emulator.delayNext(Duration.ofMillis(800));

        assertThatThrownBy(() -> http.send(http.postCall(VERIFICATIONS, form("To", PHONE, "Channel", "sms")),
                Duration.ofMillis(200)))
                .hasRootCauseInstanceOf(HttpTimeoutException.class);

        // like real Twilio, the SMS goes out even though nobody read the answer
        // (the send listener runs after the store has the code: wait for the listener, the later of the two)
        await(() -> !sent.isEmpty(), "the delayed send to happen");
        assertThat(sent).hasSize(1);
        assertThat(emulator.lastCodeSentTo(PHONE)).contains(sent.get(0).code());
    }

    @Test
    void hangNextNeverAnswersWhileOtherRequestsProceed() {
        emulator.hangNext();

        assertThatThrownBy(() -> http.send(http.postCall(VERIFICATIONS, form("To", PHONE, "Channel", "sms")),
                Duration.ofMillis(500)))
                .hasRootCauseInstanceOf(HttpTimeoutException.class);
        assertThat(http.create(OTHER_PHONE, "sms").statusCode()).isEqualTo(201);
        assertThat(emulator.lastCodeSentTo(PHONE)).as("a hung request changes nothing").isEmpty();
    }

    @Test
    void resetDropsAHungRequest() {
        emulator.hangNext();
        CompletableFuture<HttpResponse<String>> hung = http.sendAsync(
                http.postCall(VERIFICATIONS, form("To", PHONE, "Channel", "sms")), Duration.ofSeconds(30));
        awaitRequests(1);

        emulator.reset();

        assertThatThrownBy(() -> hung.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void closeDoesNotWaitForHungOrDelayedRequests() {
        emulator.hangNext();
        emulator.delayNext(Duration.ofMinutes(5));
        CompletableFuture<HttpResponse<String>> hung = http.sendAsync(
                http.postCall(VERIFICATIONS, form("To", PHONE, "Channel", "sms")), Duration.ofSeconds(30));
        CompletableFuture<HttpResponse<String>> delayed = http.sendAsync(
                http.postCall(VERIFICATIONS, form("To", OTHER_PHONE, "Channel", "sms")), Duration.ofSeconds(30));
        awaitRequests(2);

        assertTimeoutPreemptively(Duration.ofSeconds(3), emulator::close);

        assertThatThrownBy(() -> hung.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> delayed.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        assertThat(sent).isEmpty();
    }

    // ---- recording, clock, reset ----

    @Test
    void everyRequestIsRecordedInOrderWithItsKindAndForm() {
        emulator.failNext(500, 20500);
        http.create(PHONE, "sms");                                   // injected failure: still recorded
        String sid = startVerification();
        http.checkBySid(sid, wrongCode());
        http.fetch(sid);
        http.update(sid, "canceled");
        http.get("/nowhere");
        new VerifyHttp(emulator, null, c -> { }).create(PHONE, "sms"); // refused by auth: still recorded

        List<RecordedRequest> requests = emulator.requests();
        assertThat(requests).extracting(RecordedRequest::kind).containsExactly(
                RequestKind.CREATE_VERIFICATION, RequestKind.CREATE_VERIFICATION, RequestKind.CHECK,
                RequestKind.FETCH, RequestKind.UPDATE, RequestKind.OTHER, RequestKind.CREATE_VERIFICATION);
        assertThat(requests.get(0).method()).isEqualTo("POST");
        assertThat(requests.get(0).path()).isEqualTo(VERIFICATIONS);
        assertThat(requests.get(0).form()).containsEntry("To", List.of(PHONE)).containsEntry("Channel",
                List.of("sms"));
        assertThat(requests.get(2).param("VerificationSid")).isEqualTo(sid);
        assertThat(requests.get(3).method()).isEqualTo("GET");
        assertThat(requests.get(3).form()).isEmpty();
        assertThat(requests.get(4).param("Status")).isEqualTo("canceled");
        assertThat(requests).extracting(RecordedRequest::at).isSorted();
        assertThat(emulator.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(3);
        assertThat(emulator.count(RequestKind.CHECK)).isEqualTo(1);
        assertThat(emulator.count(RequestKind.FETCH)).isEqualTo(1);
        assertThat(emulator.count(RequestKind.UPDATE)).isEqualTo(1);
        assertThat(emulator.count(RequestKind.OTHER)).isEqualTo(1);
    }

    @Test
    void requestsReturnsASnapshot() {
        http.create(PHONE, "sms");
        List<RecordedRequest> before = emulator.requests();

        http.create(PHONE, "sms");

        assertThat(before).hasSize(1);
        assertThat(emulator.requests()).hasSize(2);
        assertThatThrownBy(() -> before.add(before.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void advanceClockMovesTheTimestampsTheEmulatorWrites() {
        Instant before = Instant.parse(json(http.create(PHONE, "sms")).get("date_created").asText());

        emulator.advanceClock(Duration.ofHours(2));

        Instant after = Instant.parse(json(http.create(OTHER_PHONE, "sms")).get("date_created").asText());
        assertThat(Duration.between(before, after)).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(1));
    }

    @Test
    void resetForgetsVerificationsCodesRequestsFaultsAndClockOffset() {
        String sid = startVerification();
        emulator.advanceClock(Duration.ofHours(1));
        emulator.failNext(500, 20500);

        emulator.reset();

        assertThat(emulator.requests()).isEmpty();
        assertThat(emulator.lastCodeSentTo(PHONE)).isEmpty();
        assertError(http.fetch(sid), 404, 20404);                    // no injected 500: the fault is gone too
        JsonNode fresh = json(http.create(PHONE, "sms"));
        assertThat(fresh.get("sid").asText()).isNotEqualTo(sid);
        assertThat(Instant.parse(fresh.get("date_created").asText())).isBefore(Instant.now().plusSeconds(60));
        assertThat(sent).as("listeners survive reset").hasSize(2);
    }

    @Test
    void aFailingSendListenerFailsNeitherTheRequestNorTheOtherListeners() {
        List<SentCode> later = new java.util.ArrayList<>();
        emulator.onSend(s -> {
            throw new IllegalStateException("listener bug (expected in this test)");
        }).onSend(later::add);

        assertThat(http.create(PHONE, "sms").statusCode()).isEqualTo(201);
        assertThat(later).hasSize(1);
    }
}
