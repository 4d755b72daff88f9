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
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.kctwilio.otp.emulator.VerifyHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validates the emulator's Lookup answers over real HTTP, and the requests these tests send, against Twilio's official
 * Lookup v2 OpenAPI description (made strict as {@link LookupContractSpec} explains). The adjusted description is
 * first shown to accept every one of Twilio's own examples, and the last tests prove the harness has teeth.
 * (Lookup's error bodies are the emulator's Verify error bodies, which {@link VerifyEmulatorContractTest} checks.)
 */
class LookupEmulatorContractTest {

    private static final String PHONE = "+14155550134";
    private static final String ALL = "line_type_intelligence,sms_pumping_risk,sim_swap";

    private static JsonNode spec;
    private static OpenApiInteractionValidator validator;

    private VerifyEmulator emulator;
    private VerifyHttp http;

    @BeforeAll
    static void loadSpec() {
        spec = LookupContractSpec.original();
        validator = LookupContractSpec.strictValidator(spec);
    }

    @BeforeEach
    void start() {
        emulator = VerifyEmulator.start();
        http = new VerifyHttp(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void theAdjustedDescriptionAcceptsEveryExampleTwilioGives() {
        Map<String, JsonNode> examples = LookupContractSpec.examples(spec);

        assertThat(examples).hasSizeGreaterThan(10);
        examples.forEach((name, body) -> assertThat(validate(body.toString()).getMessages()).as("example %s", name).isEmpty());
    }

    @ParameterizedTest(name = "Fields={0}")
    @ValueSource(strings = {"line_type_intelligence", "sms_pumping_risk", "sim_swap", ALL, "caller_name,line_status"})
    void answerWithPackagesConformsToTheSpec(String fields) {
        emulator.lookup().smsPumpingRisk(PHONE, 61).simSwappedAgo(PHONE, Duration.ofHours(3));

        HttpResponse<String> r = lookup(PHONE, fields);

        assertThat(r.statusCode()).isEqualTo(200);
        assertConforms(r);
    }

    @Test
    void answerWithoutFieldsConformsAndCarriesNoPackage() {
        HttpResponse<String> r = lookup(PHONE, null);

        assertConforms(r);
        assertThat(json(r).get("line_type_intelligence").isNull()).isTrue();
        assertThat(json(r).get("valid").asBoolean()).isTrue();
    }

    @Test
    void answerForAnInvalidNumberConformsToTheSpec() {
        HttpResponse<String> r = lookup("+1415992996000", ALL);

        assertConforms(r);
        assertThat(json(r).get("valid").asBoolean()).isFalse();
    }

    @Test
    void packagesFailingWithTheirOwnErrorCodeConformToTheSpec() {
        emulator.lookup().failPackage("+1", "sim_swap", 60607).failPackage("+1", "line_type_intelligence", 60610)
                .failPackage("+1", "sms_pumping_risk", 60607);

        HttpResponse<String> r = lookup(PHONE, ALL);

        assertConforms(r);
        assertThat(json(r).at("/sim_swap/error_code").asInt()).isEqualTo(60607);
    }

    @Test
    void simSwapWithoutADateConformsToTheSpec() {
        emulator.lookup().simSwapWithoutDate(PHONE, Duration.ofHours(48), true);

        HttpResponse<String> r = lookup(PHONE, "sim_swap");

        assertConforms(r);
        assertThat(json(r).at("/sim_swap/last_sim_swap/last_sim_swap_date").isNull()).isTrue();
        assertThat(json(r).at("/sim_swap/last_sim_swap/swapped_period").asText()).isEqualTo("PT48H");
    }

    // ---- the harness has teeth ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "valid as a string             | /valid                                        | \"true\"",
            "phone_number missing          | /phone_number                                 | ",
            "an undeclared property        | /extra                                        | 1",
            "type missing from line type   | /line_type_intelligence/type                  | ",
            "error_code as a string        | /line_type_intelligence/error_code            | \"60607\"",
            "score as a string             | /sms_pumping_risk/sms_pumping_risk_score      | \"61\"",
            "number_blocked missing        | /sms_pumping_risk/number_blocked              | ",
            "swapped_in_period as a string | /sim_swap/last_sim_swap/swapped_in_period     | \"false\"",
            "last_sim_swap_date not a date | /sim_swap/last_sim_swap/last_sim_swap_date    | \"yesterday\"",
            "validation_errors outside enum | /validation_errors                           | [\"WRONG\"]"})
    void validatorRejectsABrokenAnswer(String scenario, String pointer, String jsonValue) throws IOException {
        ObjectNode body = (ObjectNode) json(lookup(PHONE, ALL));
        int slash = pointer.lastIndexOf('/');
        ObjectNode parent = (ObjectNode) body.at(pointer.substring(0, slash));
        String property = pointer.substring(slash + 1);
        if (jsonValue == null) {
            parent.remove(property);
        } else {
            parent.set(property, VerifyHttp.MAPPER.readTree(jsonValue));
        }

        assertThat(validate(body.toString()).hasErrors()).as("%s must be reported", scenario).isTrue();
    }

    @Test
    void requestValidationRejectsALookupWithoutCredentials() {
        assertThat(validator.validateRequest(LookupContractSpec.request(PHONE, Map.of("Fields", ALL), null)).hasErrors()).isTrue();
    }

    /** Sends a lookup, after checking that the request itself conforms. */
    private HttpResponse<String> lookup(String number, String fields) {
        Map<String, String> query = new LinkedHashMap<>();
        if (fields != null) {
            query.put("Fields", fields);
        }
        Request request = LookupContractSpec.request(number, query,
                VerifyHttp.basic(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN));
        assertThat(validator.validateRequest(request).getMessages()).as("request for %s", query).isEmpty();
        return http.lookup(number, fields);
    }

    private static ValidationReport validate(String body) {
        return validator.validateResponse("/v2/PhoneNumbers/" + PHONE, Request.Method.GET,
                SimpleResponse.Builder.status(200).withContentType("application/json").withBody(body).build());
    }

    private static void assertConforms(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        SimpleResponse.Builder b = SimpleResponse.Builder.status(r.statusCode()).withBody(r.body());
        r.headers().map().forEach(b::withHeader);
        ValidationReport report = validator.validateResponse("/v2/PhoneNumbers/" + PHONE, Request.Method.GET, b.build());
        assertThat(report.getMessages()).as("%s", r.body()).isEmpty();
    }
}
