package io.github.kctwilio.otp.emulator;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.github.kctwilio.otp.emulator.VerifyHttp.VERIFICATIONS;
import static io.github.kctwilio.otp.emulator.VerifyHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** Verify's own fraud signals in the emulator: Fraud Guard blocks, RiskCheck, TemplateSid and AppHash. */
class VerifyEmulatorSignalsTest extends EmulatorTestSupport {

    private static final String TEMPLATE = "HJ" + "0123456789abcdef".repeat(2);

    @Test
    void fraudGuardRefusesSmsToABlockedPrefixWith60410AndSendsNothing() {
        emulator.blockByFraudGuard("+1415");

        assertError(http.create(PHONE, "sms"), 403, 60410);
        assertThat(sent).isEmpty();
        assertThat(emulator.lastCodeSentTo(PHONE)).isEmpty();
    }

    @Test
    void fraudGuardLetsOtherPrefixesAndOtherChannelsThrough() {
        emulator.blockByFraudGuard("+44");

        assertThat(http.create(PHONE, "sms").statusCode()).isEqualTo(201);
        assertThat(http.create("+447911123456", "call").statusCode()).isEqualTo(201);
    }

    @Test
    void riskCheckDisableBypassesFraudGuardAndEnableDoesNot() {
        emulator.blockByFraudGuard("+1415");

        assertError(post(PHONE, "RiskCheck", "enable"), 403, 60410);
        assertThat(post(PHONE, "RiskCheck", "disable").statusCode()).isEqualTo(201);
    }

    @Test
    void resetLiftsTheBlock() {
        emulator.blockByFraudGuard("+1415");

        emulator.reset();

        assertThat(http.create(PHONE, "sms").statusCode()).isEqualTo(201);
    }

    @Test
    void templateSidAndAppHashAreAcceptedAndRecorded() {
        HttpResponse<String> r = http.post(VERIFICATIONS, form("To", PHONE, "Channel", "sms", "TemplateSid", TEMPLATE,
                "AppHash", "He42w354ol9", "RiskCheck", "enable"));

        assertThat(r.statusCode()).isEqualTo(201);
        RecordedRequest request = emulator.requests().get(0);
        assertThat(request.param("TemplateSid")).isEqualTo(TEMPLATE);
        assertThat(request.param("AppHash")).isEqualTo("He42w354ol9");
        assertThat(request.param("RiskCheck")).isEqualTo("enable");
    }

    @Test
    void malformedRiskCheckOrTemplateSidIsInvalidParameter() {
        assertError(post(PHONE, "RiskCheck", "off"), 400, 60200);
        assertError(post(PHONE, "TemplateSid", "HJ123"), 400, 60200);
        assertThat(sent).isEmpty();
    }

    private HttpResponse<String> post(String to, String name, String value) {
        return http.post(VERIFICATIONS, form("To", to, "Channel", "sms", name, value));
    }
}
