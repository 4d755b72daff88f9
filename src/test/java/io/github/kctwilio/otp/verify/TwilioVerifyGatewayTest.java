package io.github.kctwilio.otp.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real twilio-java SDK, through our transport, against the Verify emulator over HTTP. */
class TwilioVerifyGatewayTest {

    private static final String PHONE = "+14155550134";
    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    private static final String TEMPLATE = "HJ" + "0123456789abcdef".repeat(2);
    private static final String APP_HASH = "He42w354ol9";
    private static final SendOptions ALL_SET = new SendOptions(SendOptions.RiskCheck.ENABLE, TEMPLATE, APP_HASH);

    private static VerifyEmulator emulator;
    private static VerifyGateways gateways;
    private VerifyGateway gateway;

    @BeforeAll
    static void startEmulator() {
        emulator = VerifyEmulator.start();
        gateways = new VerifyGateways(new TransportSettings(URI.create(emulator.baseUrl()), Duration.ofSeconds(1), READ_TIMEOUT));
    }

    @AfterAll
    static void stopEmulator() throws IOException {
        gateways.close();
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
        gateway = gateways.gatewayFor(new VerifyCredentials(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN, VerifyEmulator.SERVICE_SID));
    }

    @Test
    void startSendsOneRequestWithNumberChannelLocaleDeviceIpAndTags() throws Exception {
        StartedVerification started = gateway.start(new VerificationRequest(PHONE, Channel.SMS, "de", "203.0.113.7", Map.of("realm", "demo")));

        assertThat(started.sid()).matches("VE[0-9a-f]{32}");
        assertThat(started.channel()).isEqualTo(Channel.SMS);
        assertThat(emulator.requests()).hasSize(1);
        RecordedRequest request = emulator.requests().get(0);
        assertThat(request.kind()).isEqualTo(RequestKind.CREATE_VERIFICATION);
        assertThat(request.path()).isEqualTo("/v2/Services/" + VerifyEmulator.SERVICE_SID + "/Verifications");
        assertThat(request.param("To")).isEqualTo(PHONE);
        assertThat(request.param("Channel")).isEqualTo("sms");
        assertThat(request.param("Locale")).isEqualTo("de");
        assertThat(request.param("DeviceIp")).isEqualTo("203.0.113.7");
        assertThat(request.param("Tags")).isEqualTo("{\"realm\":\"demo\"}");
    }

    @Test
    void rightCodeIsApprovedAndWrongCodeIsNotAnError() throws Exception {
        StartedVerification started = gateway.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null));
        String code = emulator.lastCodeSentTo(PHONE).orElseThrow();

        assertThat(gateway.check(started.sid(), code.equals("000000") ? "111111" : "000000")).isEqualTo(CheckResult.WRONG_CODE);
        assertThat(gateway.check(started.sid(), code)).isEqualTo(CheckResult.APPROVED);
        assertThat(emulator.count(RequestKind.CHECK)).isEqualTo(2);
    }

    @Test
    void resendWithinTheWindowKeepsTheVerificationAndItsCode() throws Exception {
        StartedVerification first = gateway.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null));
        String code = emulator.lastCodeSentTo(PHONE).orElseThrow();
        StartedVerification second = gateway.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null));

        assertThat(second.sid()).isEqualTo(first.sid());
        assertThat(emulator.lastCodeSentTo(PHONE)).contains(code);
    }

    @Test
    void cancelledVerificationNoLongerAcceptsItsCode() throws Exception {
        StartedVerification started = gateway.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null));
        String code = emulator.lastCodeSentTo(PHONE).orElseThrow();

        gateway.cancel(started.sid());

        assertThatThrownBy(() -> gateway.check(started.sid(), code))
                .isInstanceOfSatisfying(VerifyException.class, e -> assertThat(e.failure()).isEqualTo(VerifyFailure.VERIFICATION_NOT_FOUND));
    }

    @ParameterizedTest(name = "HTTP {0} with Twilio code {1} is {2}, in exactly one request")
    @CsvSource({
            "401, 20003, BAD_CREDENTIALS",
            "404, 20404, VERIFICATION_NOT_FOUND",
            "429, 20429, THROTTLED",
            "400, 60200, INVALID_PARAMETER",
            "429, 60202, TOO_MANY_CHECKS",
            "429, 60203, TOO_MANY_SENDS",
            "403, 60205, LANDLINE",
            "429, 60212, THROTTLED",
            "400, 60223, CHANNEL_DISABLED",
            "403, 60410, NUMBER_BLOCKED",
            "403, 60413, NUMBER_BLOCKED",
            "403, 60605, NUMBER_BLOCKED",
            "500, 20500, UNAVAILABLE",
            "503, 20503, UNAVAILABLE",
    })
    void twilioErrorsAreClassifiedAndNeverRetried(int status, int code, VerifyFailure expected) {
        emulator.failNext(status, code);

        assertThatThrownBy(() -> gateway.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null)))
                .isInstanceOfSatisfying(VerifyException.class, e -> {
                    assertThat(e.failure()).isEqualTo(expected);
                    assertThat(e.httpStatus()).isEqualTo(status);
                    assertThat(e.twilioCode()).isEqualTo(code);
                });
        assertThat(emulator.requests()).as("no automatic retry: each retry of a send can cost an SMS").hasSize(1);
    }

    @Test
    void errorDescriptionForTheLogNamesNoPhoneNumber() {
        emulator.failNext(400, 60200);

        assertThatThrownBy(() -> gateway.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null)))
                .isInstanceOfSatisfying(VerifyException.class, e -> assertThat(e.describe()).doesNotContain(PHONE.substring(2)));
    }

    @Test
    void serviceUnavailableWithAnHtmlBodyIsAnOutageInOneRequest() {
        emulator.failNextWithBody(503, "<html>Service Unavailable</html>", "text/html");

        assertThatThrownBy(() -> gateway.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null)))
                .isInstanceOfSatisfying(VerifyException.class, e -> assertThat(e.failure()).isEqualTo(VerifyFailure.UNAVAILABLE));
        assertThat(emulator.requests()).hasSize(1);
    }

    @Test
    void malformedJsonInASuccessfulAnswerIsAnOutage() {
        emulator.failNextWithBody(201, "{\"sid\": ", "application/json");

        assertThatThrownBy(() -> gateway.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null)))
                .isInstanceOfSatisfying(VerifyException.class, e -> assertThat(e.failure()).isEqualTo(VerifyFailure.UNAVAILABLE));
    }

    @Test
    void hangingTwilioEndsAtTheReadTimeoutNotTwilioJavas30Seconds() {
        emulator.hangNext();
        long started = System.nanoTime();

        assertThatThrownBy(() -> gateway.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null)))
                .isInstanceOfSatisfying(VerifyException.class, e -> {
                    assertThat(e.failure()).isEqualTo(VerifyFailure.UNAVAILABLE);
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
        try (VerifyGateways nowhere = new VerifyGateways(new TransportSettings(
                URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(1), READ_TIMEOUT))) {
            VerifyGateway unreachable = nowhere.gatewayFor(
                    new VerifyCredentials(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN, VerifyEmulator.SERVICE_SID));

            assertThatThrownBy(() -> unreachable.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null)))
                    .isInstanceOfSatisfying(VerifyException.class, e -> {
                        assertThat(e.failure()).isEqualTo(VerifyFailure.UNAVAILABLE);
                        assertThat(e.httpStatus()).isNull();
                    });
        }
    }

    @Test
    void wrongAuthTokenIsBadCredentials() {
        VerifyGateway wrongToken = gateways.gatewayFor(
                new VerifyCredentials(VerifyEmulator.ACCOUNT_SID, "not-the-token", VerifyEmulator.SERVICE_SID));

        assertThatThrownBy(() -> wrongToken.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null)))
                .isInstanceOfSatisfying(VerifyException.class, e -> assertThat(e.failure()).isEqualTo(VerifyFailure.BAD_CREDENTIALS));
    }

    @Test
    void baseUrlPathPrefixIsKeptInFrontOfTwilioPaths() throws Exception {
        // A proxy mounted under a path: the emulator does not serve it, so the 404 proves the prefix was sent.
        try (VerifyGateways prefixed = new VerifyGateways(new TransportSettings(
                URI.create(emulator.baseUrl() + "/proxy/"), Duration.ofSeconds(1), READ_TIMEOUT))) {
            VerifyGateway viaProxy = prefixed.gatewayFor(
                    new VerifyCredentials(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN, VerifyEmulator.SERVICE_SID));

            assertThatThrownBy(() -> viaProxy.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null)))
                    .isInstanceOf(VerifyException.class);
        }
        assertThat(emulator.requests()).extracting(RecordedRequest::path)
                .containsExactly("/proxy/v2/Services/" + VerifyEmulator.SERVICE_SID + "/Verifications");
    }

    // ---- Verify's own fraud signals and message options ----

    @Test
    void riskCheckTemplateAndAppHashReachTwilioWhenSet() throws Exception {
        gateway.start(new VerificationRequest(PHONE, Channel.SMS, null, null, Map.of(), ALL_SET));

        RecordedRequest request = emulator.requests().get(0);
        assertThat(request.param("RiskCheck")).isEqualTo("enable");
        assertThat(request.param("TemplateSid")).isEqualTo(TEMPLATE);
        assertThat(request.param("AppHash")).isEqualTo(APP_HASH);
    }

    @Test
    void twilioDefaultsSendNoneOfThem() throws Exception {
        gateway.start(new VerificationRequest(PHONE, Channel.SMS, null, null, null));

        assertThat(emulator.requests().get(0).form()).doesNotContainKeys("RiskCheck", "TemplateSid", "AppHash");
    }

    @ParameterizedTest(name = "{0}: template {1}, app hash {2}")
    @CsvSource({"CALL, true, false", "WHATSAPP, false, false", "EMAIL, false, false"})
    void templateGoesWithSmsAndCallOnlyAndTheAppHashWithSmsOnly(Channel channel, boolean template, boolean appHash) throws Exception {
        String to = channel == Channel.EMAIL ? "user@example.com" : PHONE;

        gateway.start(new VerificationRequest(to, channel, null, null, Map.of(), ALL_SET));

        RecordedRequest request = emulator.requests().get(0);
        assertThat(request.param("TemplateSid") != null).isEqualTo(template);
        assertThat(request.param("AppHash") != null).isEqualTo(appHash);
        assertThat(request.param("RiskCheck")).isEqualTo("enable");
    }

    @Test
    void fraudGuardRefusalIsABlockedNumberInOneRequest() {
        emulator.blockByFraudGuard("+1415");

        assertThatThrownBy(() -> gateway.start(new VerificationRequest(PHONE, Channel.SMS, null, null, Map.of(), ALL_SET)))
                .isInstanceOfSatisfying(VerifyException.class, e -> {
                    assertThat(e.failure()).isEqualTo(VerifyFailure.NUMBER_BLOCKED);
                    assertThat(e.failure().needsAdminAttention()).isFalse();
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.twilioCode()).isEqualTo(60410);
                });
        assertThat(emulator.requests()).hasSize(1);
        assertThat(emulator.lastCodeSentTo(PHONE)).isEmpty();
    }
}
