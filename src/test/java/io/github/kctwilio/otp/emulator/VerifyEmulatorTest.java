package io.github.kctwilio.otp.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.github.kctwilio.otp.emulator.VerifyHttp.CHECK;
import static io.github.kctwilio.otp.emulator.VerifyHttp.SERVICE_PATH;
import static io.github.kctwilio.otp.emulator.VerifyHttp.VERIFICATIONS;
import static io.github.kctwilio.otp.emulator.VerifyHttp.form;
import static io.github.kctwilio.otp.emulator.VerifyHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Behaviour of the Verify emulator's API over raw HTTP, one rule of Twilio's per test. */
class VerifyEmulatorTest extends EmulatorTestSupport {

    // ---- start ----

    @Test
    void createReturns201WithAPendingVerificationAndSendsASixDigitCode() {
        HttpResponse<String> r = http.post(VERIFICATIONS, form("To", PHONE, "Channel", "sms", "Locale", "de"));

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode v = json(r);
        assertThat(v.get("sid").asText()).matches("^VE[0-9a-f]{32}$");
        assertThat(v.get("service_sid").asText()).isEqualTo(VerifyEmulator.SERVICE_SID);
        assertThat(v.get("account_sid").asText()).isEqualTo(VerifyEmulator.ACCOUNT_SID);
        assertThat(v.get("to").asText()).isEqualTo(PHONE);
        assertThat(v.get("channel").asText()).isEqualTo("sms");
        assertThat(v.get("status").asText()).isEqualTo("pending");
        assertThat(v.get("valid").isBoolean()).isTrue();
        assertThat(v.get("valid").asBoolean()).isFalse();
        assertThat(v.get("lookup").isObject()).isTrue();
        assertThat(v.get("amount").isNull()).isTrue();
        assertThat(v.get("payee").isNull()).isTrue();
        assertThat(v.get("sna").isNull()).isTrue();
        assertThat(v.get("send_code_attempts")).hasSize(1);
        assertThat(Instant.parse(v.get("date_created").asText())).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
        assertThat(v.get("date_updated").asText()).isEqualTo(v.get("date_created").asText());
        assertThat(v.get("url").asText())
                .isEqualTo(emulator.baseUrl() + VERIFICATIONS + "/" + v.get("sid").asText());

        String code = emulator.lastCodeSentTo(PHONE).orElseThrow();
        assertThat(code).matches("^\\d{6}$");
        assertThat(sent).containsExactly(new SentCode(PHONE, "sms", code, v.get("sid").asText(), "de"));
    }

    @Test
    void eachVerificationGetsItsOwnRandomCode() {
        // 20 addresses: with 6 random digits, 20 equal codes would mean the code is not random at all
        for (int i = 0; i < 20; i++) {
            http.create("+1415555" + String.format("%04d", i), "sms");
        }
        assertThat(sent.stream().map(SentCode::code).distinct().count()).isGreaterThan(1);
        assertThat(sent.stream().map(SentCode::verificationSid).distinct().count()).isEqualTo(20);
    }

    @Test
    void resendWhilePendingReusesTheSameSidAndTheSameCode() {
        JsonNode first = json(http.create(PHONE, "sms"));
        JsonNode second = json(http.create(PHONE, "call"));

        assertThat(second.get("sid").asText()).isEqualTo(first.get("sid").asText());
        assertThat(second.get("channel").asText()).isEqualTo("call");
        assertThat(second.get("send_code_attempts")).hasSize(2);
        assertThat(second.get("send_code_attempts").get(1).get("channel").asText()).isEqualTo("CALL");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).code()).isEqualTo(sent.get(0).code());
    }

    @Test
    void differentAddressesAndDifferentServicesGetIndependentVerifications() {
        String a = json(http.create(PHONE, "sms")).get("sid").asText();
        String b = json(http.create(OTHER_PHONE, "sms")).get("sid").asText();
        String otherService = "/v2/Services/VA" + "1".repeat(32) + "/Verifications";
        String c = json(http.post(otherService, form("To", PHONE, "Channel", "sms"))).get("sid").asText();

        assertThat(List.of(a, b, c)).doesNotHaveDuplicates();
    }

    @Test
    void sixthSendInOneVerificationIsRefusedWith60203AndChangesNothing() {
        for (int i = 0; i < 5; i++) {
            assertThat(http.create(PHONE, "sms").statusCode()).isEqualTo(201);
        }
        HttpResponse<String> sixth = http.create(PHONE, "sms");

        assertError(sixth, 429, 60203);
        assertThat(sent).hasSize(5);
        String sid = sent.get(0).verificationSid();
        assertThat(json(http.fetch(sid)).get("send_code_attempts")).hasSize(5);
        // the code still works: refusing a send does not end the verification
        assertThat(json(http.checkBySid(sid, sent.get(0).code())).get("status").asText()).isEqualTo("approved");
    }

    @Test
    void autoChannelIsAnsweredWithTheChannelUsed() {
        JsonNode v = json(http.create(PHONE, "auto"));

        assertThat(v.get("channel").asText()).isEqualTo("sms");
        assertThat(sent.get(0).channel()).isEqualTo("sms");
    }

    @Test
    void emailChannelTakesAnEmailAddress() {
        HttpResponse<String> r = http.create("user@example.com", "email");

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(emulator.lastCodeSentTo("user@example.com")).isPresent();
    }

    @ParameterizedTest(name = "To={0} Channel={1}")
    @CsvSource({
            "4155550134, sms",          // no plus
            "+04155550134, sms",        // leading zero after the plus
            "+1234567890123456, sms",   // 16 digits
            "+1, sms",                  // too short
            "'+1 415 555 0134', sms",   // spaces
            "user@example.com, sms",    // email on a phone channel
            "+14155550134, email",      // phone on the email channel
            "'', sms"})
    void invalidToIsRefusedWith60200(String to, String channel) {
        assertError(http.create(to, channel), 400, 60200);
        assertThat(sent).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fax", "", "rcs"})
    void invalidChannelIsRefusedWith60200(String channel) {
        assertError(http.create(PHONE, channel), 400, 60200);
        assertThat(sent).isEmpty();
    }

    @Test
    void missingToOrChannelIsRefusedWith60200() {
        assertError(http.post(VERIFICATIONS, form("Channel", "sms")), 400, 60200);
        assertError(http.post(VERIFICATIONS, form("To", PHONE)), 400, 60200);
    }

    @Test
    void optionalCreateParametersAreAccepted() {
        HttpResponse<String> r = http.post(VERIFICATIONS, form("To", PHONE, "Channel", "sms", "Locale", "fr",
                "DeviceIp", "203.0.113.7", "Tags", "{\"realm\":\"demo\"}", "CustomFriendlyName", "Demo & Co",
                "RateLimits", "{\"end_user_ip\":\"203.0.113.7\"}"));

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(sent.get(0).locale()).isEqualTo("fr");
    }

    // ---- check ----

    @Test
    void wrongCodeIsAnsweredWith200AndStatusPending() {
        String sid = startVerification();

        HttpResponse<String> r = http.checkBySid(sid, wrongCode());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode c = json(r);
        assertThat(c.get("status").asText()).isEqualTo("pending");
        assertThat(c.get("valid").asBoolean()).isFalse();
        assertThat(c.get("sid").asText()).isEqualTo(sid);
        assertThat(c.has("sna_attempts_error_codes")).isTrue();
        assertThat(json(http.fetch(sid)).get("status").asText()).isEqualTo("pending");
    }

    @Test
    void rightCodeApprovesAndTheVerificationIsThenGone() {
        String sid = startVerification();

        HttpResponse<String> r = http.checkBySid(sid, sent.get(0).code());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("approved");
        assertThat(json(r).get("valid").asBoolean()).isTrue();
        assertError(http.checkBySid(sid, sent.get(0).code()), 404, 20404);
        assertError(http.fetch(sid), 404, 20404);
    }

    @Test
    void checkByToFindsThePendingVerification() {
        String sid = startVerification();

        JsonNode c = json(http.post(CHECK, form("To", PHONE, "Code", sent.get(0).code())));

        assertThat(c.get("sid").asText()).isEqualTo(sid);
        assertThat(c.get("status").asText()).isEqualTo("approved");
    }

    @Test
    void checkWithASidAndAnotherAddressIsNotFound() {
        String sid = startVerification();

        assertError(http.post(CHECK, form("VerificationSid", sid, "To", OTHER_PHONE, "Code", "123456")), 404,
                20404);
    }

    @Test
    void sixthCheckIsRefusedWith60202AndStaysRefusedUntilExpiry() {
        String sid = startVerification();
        for (int i = 0; i < 5; i++) {
            assertThat(json(http.checkBySid(sid, wrongCode())).get("status").asText()).isEqualTo("pending");
        }

        assertError(http.checkBySid(sid, sent.get(0).code()), 429, 60202); // even the right code
        assertError(http.checkBySid(sid, sent.get(0).code()), 429, 60202);
        assertThat(json(http.fetch(sid)).get("status").asText()).isEqualTo("max_attempts_reached");
        // a new send does not lift the lock: it is the same verification until it expires
        assertThat(json(http.create(PHONE, "sms")).get("sid").asText()).isEqualTo(sid);
        assertError(http.checkBySid(sid, sent.get(0).code()), 429, 60202);

        emulator.advanceClock(Duration.ofMinutes(10).plusSeconds(1));
        assertError(http.checkBySid(sid, sent.get(0).code()), 404, 20404);
        assertThat(json(http.create(PHONE, "sms")).get("sid").asText()).isNotEqualTo(sid);
    }

    @Test
    void codeIsValidForTenMinutesAndThenExpires() {
        String sid = startVerification();

        // the wall clock under the offset keeps running, so stay a second clear of the boundary
        emulator.advanceClock(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(http.fetch(sid).statusCode()).isEqualTo(200);
        emulator.advanceClock(Duration.ofSeconds(2));

        assertError(http.checkBySid(sid, sent.get(0).code()), 404, 20404);
        assertError(http.fetch(sid), 404, 20404);
        JsonNode fresh = json(http.create(PHONE, "sms"));
        assertThat(fresh.get("sid").asText()).isNotEqualTo(sid);
        assertThat(fresh.get("send_code_attempts")).hasSize(1);
    }

    @Test
    void resendDoesNotExtendTheLifetime() {
        String sid = startVerification();
        emulator.advanceClock(Duration.ofMinutes(9));
        http.create(PHONE, "sms");

        emulator.advanceClock(Duration.ofMinutes(1).plusSeconds(1));

        assertError(http.fetch(sid), 404, 20404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "12345678901", "12a456", "", " 123456"})
    void codeThatIsNot4To10DigitsIsRefusedWith60200(String code) {
        String sid = startVerification();

        assertError(http.checkBySid(sid, code), 400, 60200);
        assertThat(json(http.checkBySid(sid, sent.get(0).code())).get("status").asText())
                .as("a refused malformed code is not a check attempt").isEqualTo("approved");
    }

    @Test
    void checkWithoutCodeIsRefusedWith60200() {
        String sid = startVerification();

        assertError(http.post(CHECK, form("VerificationSid", sid)), 400, 60200);
    }

    @Test
    void checkWithNeitherToNorVerificationSidIsRefusedWith60221() {
        startVerification();

        assertError(http.post(CHECK, form("Code", sent.get(0).code())), 400, 60221);
    }

    @Test
    void checkOfAnUnknownSidIsNotFound() {
        assertError(http.checkBySid("VE" + "0".repeat(32), "123456"), 404, 20404);
        assertError(http.post(CHECK, form("To", PHONE, "Code", "123456")), 404, 20404);
    }

    // ---- fetch and update ----

    @Test
    void fetchReturnsTheCurrentState() {
        String sid = startVerification();
        http.create(PHONE, "sms");

        HttpResponse<String> r = http.fetch(sid);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("sid").asText()).isEqualTo(sid);
        assertThat(json(r).get("send_code_attempts")).hasSize(2);
        assertError(http.fetch("VE" + "0".repeat(32)), 404, 20404);
    }

    @Test
    void cancelEndsTheVerification() {
        String sid = startVerification();

        HttpResponse<String> r = http.update(sid, "canceled");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("canceled");
        assertThat(json(r).get("valid").asBoolean()).isFalse();
        assertError(http.fetch(sid), 404, 20404);
        assertError(http.checkBySid(sid, sent.get(0).code()), 404, 20404);
        assertError(http.update(sid, "canceled"), 404, 20404);
        assertThat(json(http.create(PHONE, "sms")).get("sid").asText()).isNotEqualTo(sid);
    }

    @Test
    void updateToApprovedApprovesAndEndsTheVerification() {
        String sid = startVerification();

        JsonNode v = json(http.update(sid, "approved"));

        assertThat(v.get("status").asText()).isEqualTo("approved");
        assertThat(v.get("valid").asBoolean()).isTrue();
        assertError(http.fetch(sid), 404, 20404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pending", "expired", ""})
    void updateToAnyOtherStatusIsRefusedWith60200(String status) {
        String sid = startVerification();

        assertError(http.update(sid, status), 400, 60200);
        assertThat(http.fetch(sid).statusCode()).isEqualTo(200);
    }

    // ---- service, auth, routing ----

    @ParameterizedTest
    @ValueSource(strings = {"VA123", "VAzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "ISfeedfacefeedfacefeedfacefeedface"})
    void malformedServiceSidIsNotFound(String serviceSid) {
        assertError(http.post("/v2/Services/" + serviceSid + "/Verifications", form("To", PHONE, "Channel", "sms")),
                404, 20404);
        assertThat(sent).isEmpty();
    }

    @Test
    void unknownPathIsNotFound() {
        assertError(http.get("/v2/Services"), 404, 20404);
        assertError(http.post(SERVICE_PATH + "/Entities", form()), 404, 20404);
        assertError(http.get("/v1/Whatever"), 404, 20404);
    }

    @Test
    void wrongMethodOnAKnownResourceIsRefusedWith405() {
        assertError(http.get(VERIFICATIONS), 405, 20004);
        assertThat(emulator.count(RequestKind.OTHER)).isEqualTo(1);
    }

    @Test
    void missingOrWrongCredentialsAreRefusedWith401And20003() {
        List<String> badAuthorizations = List.of(
                VerifyHttp.basic(VerifyEmulator.ACCOUNT_SID, "not-the-token"),
                VerifyHttp.basic("AC" + "0".repeat(32), VerifyEmulator.AUTH_TOKEN),
                "Bearer " + VerifyEmulator.AUTH_TOKEN,
                "Basic !!!not-base64!!!");
        for (String authorization : badAuthorizations) {
            HttpResponse<String> r = new VerifyHttp(emulator, authorization, c -> { }).create(PHONE, "sms");
            assertError(r, 401, 20003);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                    .startsWith("Basic"));
        }
        assertError(new VerifyHttp(emulator, null, c -> { }).create(PHONE, "sms"), 401, 20003);
        assertThat(sent).isEmpty();
    }

    @Test
    void customCredentialsReplaceTheDefaultOnes() {
        String account = "AC" + "a".repeat(32);
        try (VerifyEmulator custom = VerifyEmulator.start(0, account, "s3cret")) {
            assertThat(custom.port()).isPositive();
            assertThat(custom.baseUrl()).isEqualTo("http://127.0.0.1:" + custom.port());

            assertError(new VerifyHttp(custom).create(PHONE, "sms"), 401, 20003);
            HttpResponse<String> r = new VerifyHttp(custom, VerifyHttp.basic(account, "s3cret"), c -> { })
                    .create(PHONE, "sms");
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(json(r).get("account_sid").asText()).isEqualTo(account);
        }
    }

    @Test
    void errorBodyHasTwilioShape() {
        JsonNode e = json(http.create("nope", "sms"));

        assertThat(e.get("code").isInt()).isTrue();
        assertThat(e.get("message").asText()).isNotBlank();
        assertThat(e.get("more_info").asText()).isEqualTo("https://www.twilio.com/docs/errors/60200");
        assertThat(e.get("status").asInt()).isEqualTo(400);
    }
}
