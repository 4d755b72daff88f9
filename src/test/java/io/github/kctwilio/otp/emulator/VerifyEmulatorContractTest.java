package io.github.kctwilio.otp.emulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;

import static io.github.kctwilio.otp.emulator.VerifyHttp.CHECK;
import static io.github.kctwilio.otp.emulator.VerifyHttp.VERIFICATIONS;
import static io.github.kctwilio.otp.emulator.VerifyHttp.form;
import static io.github.kctwilio.otp.emulator.VerifyHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validates the emulator's real HTTP answers, and the requests these tests send, against Twilio's official
 * Verify v2 OpenAPI description (made strict as {@link ContractSpec} explains). Responses the spec does not
 * describe (every error except CreateVerification's 429) are validated against the spec's one error schema.
 * The last tests prove the harness has teeth: wrong types, missing or extra properties are reported.
 */
class VerifyEmulatorContractTest {

    private static final String PHONE = "+14155550134";

    private static JsonNode spec;
    private static OpenApiInteractionValidator validator;

    private VerifyEmulator emulator;
    /** Every request it sends must itself conform to the spec. */
    private VerifyHttp http;
    /** For requests that deliberately break the spec (no auth, malformed service SID). */
    private VerifyHttp unchecked;

    @BeforeAll
    static void loadSpec() {
        spec = ContractSpec.original();
        validator = ContractSpec.strictValidator(spec);
    }

    @BeforeEach
    void start() {
        emulator = VerifyEmulator.start();
        String auth = VerifyHttp.basic(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN);
        Consumer<VerifyHttp.Call> requestMustConform = call -> assertThat(
                validator.validateRequest(ContractSpec.request(call)).getMessages())
                .as("request %s %s %s", call.method(), call.path(), call.form())
                .isEmpty();
        http = new VerifyHttp(emulator, auth, requestMustConform);
        unchecked = new VerifyHttp(emulator, auth, call -> { });
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    // ---- success responses, validated at their own operation ----

    @ParameterizedTest(name = "{1} to {0}")
    @CsvSource({"+14155550134, sms", "+14155550135, call", "+14155550136, whatsapp", "user@example.com, email",
            "+14155550137, auto"})
    void createVerificationResponseConformsToTheSpec(String to, String channel) {
        HttpResponse<String> r = http.create(to, channel);

        assertThat(r.statusCode()).isEqualTo(201);
        assertConforms(VERIFICATIONS, Request.Method.POST, r);
    }

    @Test
    void createWithRiskCheckTemplateAndAppHashConformsToTheSpec() {
        HttpResponse<String> r = http.post(VERIFICATIONS, form("To", PHONE, "Channel", "sms", "RiskCheck", "enable",
                "TemplateSid", "HJ" + "0123456789abcdef".repeat(2), "AppHash", "He42w354ol9"));

        assertThat(r.statusCode()).isEqualTo(201);
        assertConforms(VERIFICATIONS, Request.Method.POST, r);
    }

    @Test
    void resendResponseConformsAndItsUntypedPropertiesHaveTheDocumentedShape() {
        http.create(PHONE, "sms");
        HttpResponse<String> r = http.create(PHONE, "call");

        assertConforms(VERIFICATIONS, Request.Method.POST, r);
        // The spec leaves lookup, send_code_attempts items and sna untyped; hold them to Twilio's examples.
        JsonNode v = json(r);
        assertThat(v.get("lookup").isObject()).isTrue();
        assertThat(v.get("sna").isNull()).isTrue();
        assertThat(v.get("send_code_attempts")).hasSize(2).allSatisfy(a -> {
            assertThat(a.isObject()).isTrue();
            assertThat(a.get("attempt_sid").asText()).matches("^VL[0-9a-f]{32}$");
            assertThat(a.get("channel").asText()).isIn("SMS", "CALL");
            assertThat(a.get("time").asText()).matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$");
        });
    }

    @Test
    void fetchResponseConformsToTheSpec() {
        String sid = json(http.create(PHONE, "sms")).get("sid").asText();

        HttpResponse<String> r = http.fetch(sid);

        assertThat(r.statusCode()).isEqualTo(200);
        assertConforms(VERIFICATIONS + "/" + sid, Request.Method.GET, r);
    }

    @ParameterizedTest
    @CsvSource({"canceled", "approved"})
    void updateResponseConformsToTheSpec(String status) {
        String sid = json(http.create(PHONE, "sms")).get("sid").asText();

        HttpResponse<String> r = http.update(sid, status);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo(status);
        assertConforms(VERIFICATIONS + "/" + sid, Request.Method.POST, r);
    }

    @Test
    void wrongCodeCheckResponseConformsToTheSpec() {
        String sid = json(http.create(PHONE, "sms")).get("sid").asText();
        String wrong = emulator.lastCodeSentTo(PHONE).orElseThrow().equals("000000") ? "111111" : "000000";

        HttpResponse<String> r = http.checkBySid(sid, wrong);

        assertThat(json(r).get("status").asText()).isEqualTo("pending");
        assertConforms(CHECK, Request.Method.POST, r);
    }

    @Test
    void rightCodeCheckByToResponseConformsToTheSpec() {
        http.create(PHONE, "sms");

        HttpResponse<String> r = http.post(CHECK, form("To", PHONE, "Code",
                emulator.lastCodeSentTo(PHONE).orElseThrow()));

        assertThat(json(r).get("status").asText()).isEqualTo("approved");
        assertConforms(CHECK, Request.Method.POST, r);
    }

    @Test
    void maxSendAttemptsErrorConformsToCreateVerifications429() {
        for (int i = 0; i < VerificationStore.MAX_SENDS; i++) {
            http.create(PHONE, "sms");
        }
        HttpResponse<String> r = http.create(PHONE, "sms");

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(json(r).get("code").asInt()).isEqualTo(60203);
        assertConforms(VERIFICATIONS, Request.Method.POST, r);
    }

    // ---- error responses the spec does not describe ----

    @Test
    void specDescribesNoErrorResponseExceptCreateVerifications429() {
        // Why the next test borrows that 429 schema: these are all the statuses the spec documents.
        assertThat(ContractSpec.documentedStatuses(spec, ContractSpec.CREATE_PATH, "post"))
                .containsExactlyInAnyOrder("201", "429");
        assertThat(ContractSpec.documentedStatuses(spec, "/v2/Services/{ServiceSid}/VerificationCheck", "post"))
                .containsExactlyInAnyOrder("200", "201");
        assertThat(ContractSpec.documentedStatuses(spec, "/v2/Services/{ServiceSid}/Verifications/{Sid}", "get"))
                .containsExactly("200");
        assertThat(ContractSpec.documentedStatuses(spec, "/v2/Services/{ServiceSid}/Verifications/{Sid}", "post"))
                .containsExactly("200");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "create with To not E.164  | 400 | 60200",
            "check with a 3-digit code | 400 | 60200",
            "check without To or sid   | 400 | 60221",
            "fetch of an unknown sid   | 404 | 20404",
            "sixth check               | 429 | 60202",
            "wrong credentials         | 401 | 20003",
            "fraud guard block         | 403 | 60410",
            "malformed service sid     | 404 | 20404"})
    void errorBodiesConformToTheSpecsErrorSchema(String scenario, int status, int code) {
        HttpResponse<String> r = provoke(scenario);

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(json(r).get("code").asInt()).isEqualTo(code);
        assertThat(json(r).get("status").asInt()).isEqualTo(status);
        // Borrow the only error schema the spec has: CreateVerification's 429 body.
        assertThat(validator.validateResponse(VERIFICATIONS, Request.Method.POST, asResponse(r, 429)).getMessages())
                .as("error body %s", r.body())
                .isEmpty();
    }

    private HttpResponse<String> provoke(String scenario) {
        switch (scenario) {
            case "create with To not E.164":
                return http.create("4155550134", "sms");
            case "check with a 3-digit code":
                return http.post(CHECK, form("To", PHONE, "Code", "123"));
            case "check without To or sid":
                return http.post(CHECK, form("Code", "123456"));
            case "fetch of an unknown sid":
                return http.fetch("VE00000000000000000000000000000000");
            case "sixth check": {
                String sid = json(http.create(PHONE, "sms")).get("sid").asText();
                for (int i = 0; i < VerificationStore.MAX_CHECKS; i++) {
                    http.checkBySid(sid, "0000");
                }
                return http.checkBySid(sid, "0000");
            }
            case "wrong credentials":
                return new VerifyHttp(emulator, VerifyHttp.basic(VerifyEmulator.ACCOUNT_SID, "wrong"), c -> { })
                        .create(PHONE, "sms");
            case "fraud guard block":
                emulator.blockByFraudGuard("+1415");
                return http.create(PHONE, "sms");
            case "malformed service sid":
                return unchecked.post("/v2/Services/VA123/Verifications", form("To", PHONE, "Channel", "sms"));
            default:
                throw new IllegalArgumentException(scenario);
        }
    }

    // ---- the harness has teeth ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "valid as a string           | valid              | \"false\"",
            "sid missing                 | sid                | ",
            "sid not a VE sid            | sid                | \"VE123\"",
            "account_sid of another type | account_sid        | \"ZZdeadbeefdeadbeefdeadbeefdeadbeef\"",
            "channel outside the enum    | channel            | \"auto\"",
            "date_created not ISO-8601   | date_created       | \"Thu, 30 Jul 2015 20:00:00 +0000\"",
            "send_code_attempts object   | send_code_attempts | {}",
            "url not a string            | url                | 42",
            "amount a number             | amount             | 12.5",
            "status missing              | status             | ",
            "an undeclared property      | extra              | 1"})
    void validatorRejectsABrokenVerification(String scenario, String property, String jsonValue) {
        HttpResponse<String> r = http.create(PHONE, "sms");
        ObjectNode body = (ObjectNode) json(r);
        mutate(body, property, jsonValue);

        assertThat(validator.validateResponse(VERIFICATIONS, Request.Method.POST,
                SimpleResponse.Builder.status(201).withContentType("application/json")
                        .withBody(body.toString()).build()).hasErrors())
                .as("%s must be reported", scenario)
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "valid as a string             | valid                    | \"true\"",
            "to missing                    | to                       | ",
            "sna_attempts_error_codes text | sna_attempts_error_codes | \"none\"",
            "url is not a check property   | url                      | \"http://x\""})
    void validatorRejectsABrokenVerificationCheck(String scenario, String property, String jsonValue) {
        String sid = json(http.create(PHONE, "sms")).get("sid").asText();
        ObjectNode body = (ObjectNode) json(http.checkBySid(sid, emulator.lastCodeSentTo(PHONE).orElseThrow()));
        mutate(body, property, jsonValue);

        assertThat(validator.validateResponse(CHECK, Request.Method.POST,
                SimpleResponse.Builder.status(200).withContentType("application/json")
                        .withBody(body.toString()).build()).hasErrors())
                .as("%s must be reported", scenario)
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "code as a string | code      | \"60203\"",
            "more_info missing | more_info | ",
            "status missing    | status    | "})
    void validatorRejectsABrokenErrorBody(String scenario, String property, String jsonValue) {
        emulator.failNext(429, 60203);
        ObjectNode body = (ObjectNode) json(http.create(PHONE, "sms"));
        mutate(body, property, jsonValue);

        assertThat(validator.validateResponse(VERIFICATIONS, Request.Method.POST,
                SimpleResponse.Builder.status(429).withContentType("application/json")
                        .withBody(body.toString()).build()).hasErrors())
                .as("%s must be reported", scenario)
                .isTrue();
    }

    @Test
    void requestValidationRejectsRequestsThatBreakTheSpec() {
        String auth = VerifyHttp.basic(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN);
        Map<String, VerifyHttp.Call> broken = Map.of(
                "create without To", new VerifyHttp.Call("POST", VERIFICATIONS, form("Channel", "sms"), auth),
                "create without credentials",
                new VerifyHttp.Call("POST", VERIFICATIONS, form("To", PHONE, "Channel", "sms"), null),
                "malformed service sid",
                new VerifyHttp.Call("POST", "/v2/Services/VA123/Verifications", form("To", PHONE, "Channel", "sms"),
                        auth),
                "update to pending", new VerifyHttp.Call("POST", VERIFICATIONS + "/VE" + "0".repeat(32),
                        form("Status", "pending"), auth),
                "check with a malformed VerificationSid",
                new VerifyHttp.Call("POST", CHECK, form("VerificationSid", "VE12", "Code", "123456"), auth));

        broken.forEach((scenario, call) -> assertThat(validator.validateRequest(ContractSpec.request(call)).hasErrors())
                .as("%s must be reported", scenario)
                .isTrue());
    }

    private static void mutate(ObjectNode body, String property, String jsonValue) {
        if (jsonValue == null) {
            body.remove(property);
        } else {
            try {
                body.set(property, VerifyHttp.MAPPER.readTree(jsonValue));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(jsonValue, e);
            }
        }
    }

    private static void assertConforms(String path, Request.Method method, HttpResponse<String> r) {
        // the validator checks Content-Type only when there is one
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        ValidationReport report = validator.validateResponse(path, method, asResponse(r, r.statusCode()));
        assertThat(report.getMessages()).as("%s %s -> %s %s", method, path, r.statusCode(), r.body()).isEmpty();
    }

    private static SimpleResponse asResponse(HttpResponse<String> r, int status) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(status).withBody(r.body());
        r.headers().map().forEach(b::withHeader);
        return b.build();
    }
}
