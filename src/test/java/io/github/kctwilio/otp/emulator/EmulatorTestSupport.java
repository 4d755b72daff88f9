package io.github.kctwilio.otp.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.github.kctwilio.otp.emulator.VerifyHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Shared set-up of the raw-HTTP emulator tests: a fresh emulator per test, a client, the codes it sent. */
abstract class EmulatorTestSupport {

    protected static final String PHONE = "+14155550134";
    protected static final String OTHER_PHONE = "+14155550199";

    protected VerifyEmulator emulator;
    protected VerifyHttp http;
    /** Every code the emulator "delivered", via its onSend hook. */
    protected final List<SentCode> sent = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startEmulator() {
        emulator = VerifyEmulator.start().onSend(sent::add);
        http = new VerifyHttp(emulator);
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }


    /** Starts a verification for {@link #PHONE} and returns its SID; the code is in {@code sent}. */
    protected String startVerification() {
        HttpResponse<String> r = http.create(PHONE, "sms");
        assertThat(r.statusCode()).isEqualTo(201);
        return json(r).get("sid").asText();
    }

    /** A well-formed code different from the one sent to {@link #PHONE}. */
    protected String wrongCode() {
        String code = emulator.lastCodeSentTo(PHONE).orElseThrow();
        return code.equals("000000") ? "111111" : "000000";
    }

    protected void awaitRequests(int n) {
        await(() -> emulator.requests().size() >= n, n + " requests to arrive");
    }

    protected static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s for %s", what).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    protected static void assertError(HttpResponse<String> r, int httpStatus, int twilioCode) {
        assertThat(r.statusCode()).as("HTTP status of %s", r.body()).isEqualTo(httpStatus);
        JsonNode e = json(r);
        assertThat(e.get("code").asInt()).as("Twilio code of %s", r.body()).isEqualTo(twilioCode);
        assertThat(e.get("status").asInt()).isEqualTo(httpStatus);
        assertThat(e.get("more_info").asText()).isEqualTo("https://www.twilio.com/docs/errors/" + twilioCode);
        assertThat(e.get("message").asText()).isNotBlank();
    }
}
