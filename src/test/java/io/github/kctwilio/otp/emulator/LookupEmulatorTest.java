package io.github.kctwilio.otp.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static io.github.kctwilio.otp.emulator.VerifyHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The emulated Lookup v2 over raw HTTP: what its controls make it answer, and how it fails. */
class LookupEmulatorTest extends EmulatorTestSupport {

    private static final String ALL = "line_type_intelligence,sms_pumping_risk,sim_swap";

    @Test
    void anOrdinaryNumberIsAValidMobileWithoutPumpingRiskOrRecentSimSwap() {
        JsonNode r = json(http.lookup(PHONE, ALL));

        assertThat(r.get("phone_number").asText()).isEqualTo(PHONE);
        assertThat(r.get("country_code").asText()).isEqualTo("US");
        assertThat(r.get("calling_country_code").asText()).isEqualTo("1");
        assertThat(r.get("national_format").asText()).isEqualTo("(415) 555-0134");
        assertThat(r.get("valid").asBoolean()).isTrue();
        assertThat(r.at("/line_type_intelligence/type").asText()).isEqualTo("mobile");
        assertThat(r.at("/sms_pumping_risk/sms_pumping_risk_score").asInt()).isZero();
        assertThat(r.at("/sim_swap/last_sim_swap/swapped_in_period").asBoolean()).isFalse();
        assertThat(r.at("/sim_swap/last_sim_swap/swapped_period").asText()).isEqualTo("PT24H");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"+442079460000, landline", "+18005550199, tollFree", "+447911123456, mobile"})
    void lineTypeFollowsTheNumberingPlan(String number, String type) {
        assertThat(json(http.lookup(number, "line_type_intelligence")).at("/line_type_intelligence/type").asText()).isEqualTo(type);
    }

    @Test
    void controlsSetLineTypePumpingRiskAndSimSwapPerNumber() {
        emulator.lookup().lineType(PHONE, "nonFixedVoip").smsPumpingRisk(PHONE, 92).simSwappedAgo(PHONE, Duration.ofHours(3));

        JsonNode r = json(http.lookup(PHONE, ALL));
        JsonNode other = json(http.lookup(OTHER_PHONE, ALL));

        assertThat(r.at("/line_type_intelligence/type").asText()).isEqualTo("nonFixedVoip");
        assertThat(r.at("/sms_pumping_risk/sms_pumping_risk_score").asInt()).isEqualTo(92);
        assertThat(r.at("/sim_swap/last_sim_swap/swapped_in_period").asBoolean()).isTrue();
        Instant swapped = Instant.parse(r.at("/sim_swap/last_sim_swap/last_sim_swap_date").asText());
        assertThat(Duration.between(swapped, Instant.now())).isBetween(Duration.ofMinutes(179), Duration.ofMinutes(181));
        assertThat(other.at("/line_type_intelligence/type").asText()).isEqualTo("mobile");
        assertThat(other.at("/sms_pumping_risk/sms_pumping_risk_score").asInt()).isZero();
    }

    @Test
    void aSwapOlderThanTheAccountsPeriodIsNotInPeriod() {
        emulator.lookup().swappedPeriod(Duration.ofHours(4)).simSwappedAgo(PHONE, Duration.ofHours(5));

        JsonNode swap = json(http.lookup(PHONE, "sim_swap")).at("/sim_swap/last_sim_swap");

        assertThat(swap.get("swapped_period").asText()).isEqualTo("PT4H");
        assertThat(swap.get("swapped_in_period").asBoolean()).isFalse();
    }

    @Test
    void aPackageFailsWithItsOwnErrorCodeForNumbersUnderThePrefixOnly() {
        emulator.lookup().failPackage("+44", "sim_swap", 60607);

        JsonNode british = json(http.lookup("+447911123456", ALL));
        JsonNode american = json(http.lookup(PHONE, ALL));

        assertThat(british.at("/sim_swap/error_code").asInt()).isEqualTo(60607);
        assertThat(british.at("/sim_swap/last_sim_swap").isNull()).isTrue();
        assertThat(british.at("/line_type_intelligence/error_code").isNull()).isTrue();
        assertThat(american.at("/sim_swap/error_code").isNull()).isTrue();
    }

    @Test
    void onlyThePackagesAskedForAnswer() {
        JsonNode r = json(http.lookup(PHONE, "line_type_intelligence"));

        assertThat(r.get("line_type_intelligence").isObject()).isTrue();
        assertThat(r.get("sms_pumping_risk").isNull()).isTrue();
        assertThat(r.get("sim_swap").isNull()).isTrue();
    }

    @Test
    void anInvalidNumberIsAnsweredAsInvalidWithoutPackages() {
        JsonNode r = json(http.lookup("+1415555", ALL));

        assertThat(r.get("valid").asBoolean()).isFalse();
        assertThat(r.get("validation_errors").get(0).asText()).isEqualTo("TOO_SHORT");
        assertThat(r.get("line_type_intelligence").isNull()).isTrue();
    }

    @Test
    void aNationalNumberIsReadInTheCountryGiven() {
        JsonNode r = json(http.get(VerifyHttp.LOOKUP_PATH + "07911123456?CountryCode=GB"));

        assertThat(r.get("phone_number").asText()).isEqualTo("+447911123456");
    }

    @Test
    void everyLookupIsRecordedWithItsQuery() {
        http.lookup(PHONE, ALL);

        RecordedRequest request = emulator.requests().get(0);
        assertThat(request.kind()).isEqualTo(RequestKind.LOOKUP);
        assertThat(request.path()).isEqualTo("/v2/PhoneNumbers/" + PHONE);
        assertThat(request.queryParam("Fields")).isEqualTo(ALL);
        assertThat(emulator.count(RequestKind.LOOKUP)).isEqualTo(1);
    }

    @Test
    void wrongCredentialsAndWrongMethodsAreTwilioErrors() {
        VerifyHttp stranger = new VerifyHttp(emulator, VerifyHttp.basic(VerifyEmulator.ACCOUNT_SID, "wrong"), c -> { });

        assertError(stranger.lookup(PHONE, ALL), 401, 20003);
        assertError(http.post(VerifyHttp.LOOKUP_PATH + PHONE, VerifyHttp.form("Fields", ALL)), 405, 20004);
        assertError(http.get(VerifyHttp.LOOKUP_PATH + PHONE + "/Overrides"), 404, 20404);
    }

    @Test
    void lookupFaultsAndVerifyFaultsEachHitOnlyTheirOwnRequests() {
        emulator.lookup().failNext(503, 20503);
        emulator.failNext(429, 20429);

        HttpResponse<String> create = http.create(PHONE, "sms");
        HttpResponse<String> lookup = http.lookup(PHONE, ALL);

        assertError(create, 429, 20429);
        assertError(lookup, 503, 20503);
        assertThat(http.lookup(PHONE, ALL).statusCode()).isEqualTo(200);
    }

    @Test
    void resetForgetsLookupSettingsAndFaults() {
        emulator.lookup().lineType(PHONE, "pager").failPackage("+1", "sim_swap", 60607);
        emulator.lookup().failNext(500, 20500);

        emulator.reset();
        JsonNode r = json(http.lookup(PHONE, ALL));

        assertThat(r.at("/line_type_intelligence/type").asText()).isEqualTo("mobile");
        assertThat(r.at("/sim_swap/error_code").isNull()).isTrue();
    }
}
