package io.github.kctwilio.otp.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.verify.TransportSettings;
import io.github.kctwilio.otp.verify.VerifyCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real twilio-java SDK, through our transport, against the emulated Lookup v2 over HTTP. */
class TwilioLookupGatewayTest {

    private static final String PHONE = "+14155550134";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Instant NOW = Instant.parse("2026-11-27T16:00:00Z");
    private static final Set<LookupPackage> ALL = EnumSet.allOf(LookupPackage.class);
    private static final VerifyCredentials CREDENTIALS =
            new VerifyCredentials(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN, VerifyEmulator.SERVICE_SID);

    private static VerifyEmulator emulator;
    private static LookupGateways gateways;
    private LookupGateway gateway;

    @BeforeAll
    static void startEmulator() {
        emulator = VerifyEmulator.start();
        gateways = gatewaysAt(URI.create(emulator.baseUrl()));
    }

    @AfterAll
    static void stopEmulator() throws IOException {
        gateways.close();
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
        gateway = gateways.gatewayFor(CREDENTIALS);
    }

    private static LookupGateways gatewaysAt(URI baseUrl) {
        return new LookupGateways(new TransportSettings(baseUrl, Duration.ofSeconds(1), READ_TIMEOUT),
                Clock.fixed(NOW, ZoneOffset.UTC), UnaryOperator.identity());
    }

    @Test
    void oneGetAsksForThePackagesInAFixedOrder() throws Exception {
        gateway.lookup(PHONE, EnumSet.of(LookupPackage.SIM_SWAP, LookupPackage.LINE_TYPE));

        assertThat(emulator.requests()).hasSize(1);
        RecordedRequest request = emulator.requests().get(0);
        assertThat(request.kind()).isEqualTo(RequestKind.LOOKUP);
        assertThat(request.path()).isEqualTo("/v2/PhoneNumbers/" + PHONE);
        assertThat(request.queryParam("Fields")).isEqualTo("line_type_intelligence,sim_swap");
    }

    @Test
    void answersAreTypedAndStampedWithTheTimeOfTheAnswer() throws Exception {
        emulator.lookup().lineType(PHONE, "nonFixedVoip").smsPumpingRisk(PHONE, 87);

        LookupAnswer answer = gateway.lookup(PHONE, ALL);

        assertThat(answer.valid()).isTrue();
        assertThat(answer.lineType()).isEqualTo(PackageAnswer.answered(LineType.NON_FIXED_VOIP, NOW));
        assertThat(answer.smsPumpingRisk()).isEqualTo(PackageAnswer.answered(87, NOW));
        assertThat(answer.simSwap().value().swappedInPeriod()).isFalse();
        assertThat(answer.simSwap().value().swappedPeriod()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aRecentSwapComesWithItsDate() throws Exception {
        emulator.lookup().simSwappedAgo(PHONE, Duration.ofHours(2));

        SimSwap swap = gateway.lookup(PHONE, EnumSet.of(LookupPackage.SIM_SWAP)).simSwap().value();

        assertThat(swap.swappedInPeriod()).isTrue();
        assertThat(Duration.between(swap.lastSwap(), Instant.now())).isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));
    }

    @Test
    void aSwapWithoutDateKeepsTwilioPeriodAndFlag() throws Exception {
        emulator.lookup().simSwapWithoutDate(PHONE, Duration.ofHours(48), true);

        SimSwap swap = gateway.lookup(PHONE, EnumSet.of(LookupPackage.SIM_SWAP)).simSwap().value();

        assertThat(swap).isEqualTo(new SimSwap(null, Duration.ofHours(48), true));
    }

    @Test
    void packagesNotAskedForAreNotAsked() throws Exception {
        LookupAnswer answer = gateway.lookup(PHONE, EnumSet.of(LookupPackage.LINE_TYPE));

        assertThat(answer.lineType().status()).isEqualTo(PackageAnswer.Status.ANSWERED);
        assertThat(answer.smsPumpingRisk()).isEqualTo(PackageAnswer.notAsked());
        assertThat(answer.simSwap()).isEqualTo(PackageAnswer.notAsked());
    }

    @Test
    void aPackageWithoutCoverageFailsAloneWithItsErrorCode() throws Exception {
        emulator.lookup().failPackage("+1", "sim_swap", 60607);

        LookupAnswer answer = gateway.lookup(PHONE, ALL);

        assertThat(answer.simSwap()).isEqualTo(PackageAnswer.failed(60607, NOW));
        assertThat(answer.lineType().status()).isEqualTo(PackageAnswer.Status.ANSWERED);
    }

    @Test
    void anInvalidNumberIsNotValidAndItsPackagesFailWithoutCode() throws Exception {
        LookupAnswer answer = gateway.lookup("+1415555", ALL);

        assertThat(answer.valid()).isFalse();
        assertThat(answer.lineType()).isEqualTo(PackageAnswer.failed(null, NOW));
    }

    @Test
    void anUnknownLineTypeIsUnknown() throws Exception {
        emulator.lookup().lineType(PHONE, "satellite");

        assertThat(gateway.lookup(PHONE, ALL).lineType().value()).isEqualTo(LineType.UNKNOWN);
    }

    @ParameterizedTest(name = "HTTP {0} with Twilio code {1} is {2}, in exactly one request")
    @CsvSource({
            "401, 20003, BAD_CREDENTIALS",
            "429, 20429, THROTTLED",
            "404, 20404, UNAVAILABLE",
            "500, 20500, UNAVAILABLE",
            "503, 20503, UNAVAILABLE"})
    void twilioErrorsAreClassifiedAndNeverRetried(int status, int code, LookupFailure expected) {
        emulator.lookup().failNext(status, code);

        assertThatThrownBy(() -> gateway.lookup(PHONE, ALL))
                .isInstanceOfSatisfying(LookupException.class, e -> {
                    assertThat(e.failure()).isEqualTo(expected);
                    assertThat(e.httpStatus()).isEqualTo(status);
                    assertThat(e.twilioCode()).isEqualTo(code);
                    assertThat(e.describe()).doesNotContain(PHONE.substring(2));
                });
        assertThat(emulator.requests()).as("no automatic retry: each lookup is billed").hasSize(1);
    }

    @Test
    void anHtmlErrorPageIsAnOutageInOneRequest() {
        emulator.lookup().failNextWithBody(503, "<html>Service Unavailable</html>", "text/html");

        assertThatThrownBy(() -> gateway.lookup(PHONE, ALL))
                .isInstanceOfSatisfying(LookupException.class, e -> assertThat(e.failure()).isEqualTo(LookupFailure.UNAVAILABLE));
        assertThat(emulator.requests()).hasSize(1);
    }

    @Test
    void hangingLookupEndsAtTheReadTimeout() {
        emulator.lookup().hangEvery();
        long started = System.nanoTime();

        assertThatThrownBy(() -> gateway.lookup(PHONE, ALL))
                .isInstanceOfSatisfying(LookupException.class, e -> {
                    assertThat(e.failure()).isEqualTo(LookupFailure.UNAVAILABLE);
                    assertThat(e.describe()).contains("Timeout");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(emulator.requests()).hasSize(1);
    }

    @Test
    void refusedConnectionIsAnOutage() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (LookupGateways nowhere = gatewaysAt(URI.create("http://127.0.0.1:" + closedPort))) {
            assertThatThrownBy(() -> nowhere.gatewayFor(CREDENTIALS).lookup(PHONE, ALL))
                    .isInstanceOfSatisfying(LookupException.class, e -> {
                        assertThat(e.failure()).isEqualTo(LookupFailure.UNAVAILABLE);
                        assertThat(e.httpStatus()).isNull();
                    });
        }
    }

    @Test
    void wrongAuthTokenIsBadCredentials() {
        LookupGateway wrongToken = gateways.gatewayFor(
                new VerifyCredentials(VerifyEmulator.ACCOUNT_SID, "not-the-token", VerifyEmulator.SERVICE_SID));

        assertThatThrownBy(() -> wrongToken.lookup(PHONE, ALL))
                .isInstanceOfSatisfying(LookupException.class, e -> assertThat(e.failure()).isEqualTo(LookupFailure.BAD_CREDENTIALS));
    }

    @Test
    void theDecoratorWrapsEveryGatewayHandedOut() throws Exception {
        int[] calls = {0};
        try (LookupGateways counted = new LookupGateways(new TransportSettings(URI.create(emulator.baseUrl()),
                Duration.ofSeconds(1), READ_TIMEOUT), Clock.systemUTC(), inner -> (number, packages) -> {
                    calls[0]++;
                    return inner.lookup(number, packages);
                })) {
            counted.gatewayFor(CREDENTIALS).lookup(PHONE, ALL);
        }
        assertThat(calls[0]).isEqualTo(1);
    }
}
