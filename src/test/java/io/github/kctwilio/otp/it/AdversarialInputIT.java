package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.it.adversarial.AdversarialLogins;
import io.github.kctwilio.otp.it.adversarial.AdversarialLogins.Login;
import io.github.kctwilio.otp.it.adversarial.CodePayloads;
import io.github.kctwilio.otp.it.adversarial.Input;
import io.github.kctwilio.otp.it.adversarial.InputRules;
import io.github.kctwilio.otp.it.adversarial.Outcome;
import io.github.kctwilio.otp.it.adversarial.OutcomeTally;
import io.github.kctwilio.otp.it.adversarial.PhonePayloads;
import io.github.kctwilio.otp.it.adversarial.RequestPayloads;
import io.github.kctwilio.otp.it.adversarial.RequestPayloads.RawBody;
import io.github.kctwilio.otp.it.adversarial.StepProbe;
import io.github.kctwilio.otp.it.adversarial.StepProbe.Result;
import io.github.kctwilio.otp.it.adversarial.UrlForgeries;
import io.github.kctwilio.otp.it.adversarial.UrlForgeries.Forgery;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 5, "Bad input": more than 200 malformed requests against the step in a real Keycloak. For each: no 5xx,
 * no Twilio request for input the step must refuse, no unescaped echo, and the login goes on (the same form, or
 * Keycloak's own page for stale URLs); each group ends with a valid login. The last test prints the counts.
 *
 * <p>Runs in a realm of its own ({@link AdversarialLogins}), a twin of {@link TestEnvironment#REALM} without the
 * per-IP send cap, so that its forty-odd sends do not eat the IP budget of the other test classes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdversarialInputIT extends KeycloakITBase {

    static final String PHONE = "phone form";
    static final String CODE = "code form";
    static final String UNICODE = "unicode digits";
    static final String FORGED = "forged fields";
    static final String RAW = "raw bodies";
    static final String URLS = "action URLs";
    static final String FINISHED = "finished login";
    static final Map<String, String> JUNK = Map.of("code", "abc");
    /** Keycloak's answers to a post with a stale or forged session code: the current step again, or "page expired". */
    /** Keycloak 26.2 to 26.5 refuse an oversized session code with a 400 of their own; 26.7 shows the form again. */
    static final List<Outcome> STALE_URL_HANDLING = List.of(Outcome.FORM_AGAIN, Outcome.PAGE_EXPIRED, Outcome.HTTP_4XX);

    private static final OutcomeTally TALLY = new OutcomeTally();
    private static AdversarialLogins logins;
    private static StepProbe probe;

    @BeforeAll
    static void realm() {
        TestEnvironment env = TestEnvironment.get();
        logins = new AdversarialLogins(env);
        probe = new StepProbe(env.emulator(), TALLY, env.keycloak().logFile());
    }

    @Test
    @Order(1)
    void phoneFormRefusesWhatLibphonenumberRejectsWithoutTwilioAndSendsValidSpellingsAsE164() throws Exception {
        Login login = logins.withoutPhone();
        for (Input input : PhonePayloads.all(TestUsers::newUsNumber)) {
            Optional<String> expected = InputRules.acceptedPhone(input.value());
            String group = input.unicodeDigits() ? UNICODE : PHONE;
            Result result = probe.post(group, input.label(), login.browser(), login.action(PHONE_FORM), input.fields(), PHONE_FORM);
            if (expected.isEmpty()) {
                assertThat(result.twilioCalls()).as("no Twilio call for refused input '%s'", input.label()).isEmpty();
                assertThat(result.outcome()).as("'%s' refused on the phone form:%n%s", input.label(), result.page().body())
                        .isEqualTo(Outcome.REJECTED_ON_FORM);
                login = login.at(result.page());
            } else {
                assertThat(TestUsers.issuedNumbers()).as("test design: accepted input names an issued number").contains(expected.get());
                assertThat(result.outcome()).as("'%s' accepted", input.label()).isEqualTo(Outcome.SENT_TO_TWILIO);
                RecordedRequest create = single(result, RequestKind.CREATE_VERIFICATION);
                assertThat(create.param("To")).as("'%s' sent as E.164", input.label()).isEqualTo(expected.get());
                assertThat(create.param("Channel")).as("forged channel ignored").isEqualTo("sms");
                logins.completes(login.at(result.page()), expected.get());
                assertThat(logins.attribute(login, "phoneNumber")).isEqualTo(expected.get());
                login = logins.withoutPhone();
            }
        }
        assertThat(logins.failures(login)).isZero();
        String phone = TestUsers.newUsNumber();
        Login sent = login.at(login.browser().post(login.action(PHONE_FORM), Map.of("phoneNumber", phone)));
        logins.completes(sent, phone);
    }

    @Test
    @Order(2)
    void codeFormRefusesWhatCannotBeACodeWithoutTwilioAndWithoutCountingAFailure() throws Exception {
        Login login = logins.withPhone();
        String code = logins.codeFor(login.phone());
        for (Input input : CodePayloads.refused(code)) {
            assertThat(InputRules.wellFormedCode(input.value())).as("test design: '%s' cannot be a code", input.label()).isEmpty();
            String group = input.unicodeDigits() ? UNICODE : CODE;
            Result result = probe.post(group, input.label(), login.browser(), login.action(CODE_FORM), input.fields(), CODE_FORM);
            assertThat(result.twilioCalls()).as("no Twilio call for '%s'", input.label()).isEmpty();
            assertThat(result.outcome()).as("'%s' refused on the code form:%n%s", input.label(), result.page().body())
                    .isEqualTo(Outcome.REJECTED_ON_FORM);
            login = login.at(result.page());
        }
        assertThat(logins.failures(login)).as("refused input is not a failed login").isZero();
        logins.completes(login, login.phone());
    }

    @Test
    @Order(3)
    void rightCodeInOtherScriptsOrWithSeparatorsIsNormalisedCheckedOnceAndLogsIn() throws Exception {
        for (Function<String, Input> spelling : CodePayloads.rightCodeSpelledDifferently()) {
            Login login = logins.withPhone();
            String code = logins.codeFor(login.phone());
            Input input = spelling.apply(code);
            assertThat(InputRules.wellFormedCode(input.value())).as("test design: '%s' is the code", input.label()).contains(code);
            String group = input.unicodeDigits() ? UNICODE : input.fields().size() > 1 ? FORGED : CODE;
            Result result = probe.post(group, input.label(), login.browser(), login.action(CODE_FORM), input.fields(), CODE_FORM);
            assertThat(result.outcome()).as("'%s' logs in:%n%s", input.label(), result.page().body()).isEqualTo(Outcome.LOGGED_IN);
            assertThat(single(result, RequestKind.CHECK).param("Code")).as("'%s' checked as ASCII digits", input.label()).isEqualTo(code);
            assertThat(result.twilioCalls()).hasSize(1);
        }
    }

    @Test
    @Order(4)
    void wellFormedWrongCodesAreCheckedAtTwilioCountedAsOneFailureAndTheFormStays() throws Exception {
        for (Function<String, Input> wrong : CodePayloads.wellFormedButWrong()) {
            Login login = logins.withPhone();
            Input input = wrong.apply(logins.codeFor(login.phone()));
            String group = input.unicodeDigits() ? UNICODE : CODE;
            Result result = probe.post(group, input.label(), login.browser(), login.action(CODE_FORM), input.fields(), CODE_FORM);
            assertThat(result.outcome()).as(input.label()).isEqualTo(Outcome.CHECKED_AT_TWILIO);
            assertThat(result.page().fieldError("code")).contains("not correct");
            assertThat(logins.failures(login)).isEqualTo(1);
            logins.completes(login.at(result.page()), login.phone());
        }
    }

    @Test
    @Order(5)
    void resendWithAnyValueResendsToTheSameNumberBySmsAndForgedFieldsChangeNothing() throws Exception {
        Login login = logins.withPhone();
        int resendsInLogin = 0;
        for (Input input : RequestPayloads.resends()) {
            if (resendsInLogin == 3) {
                // Stay below the per-login and per-number caps (5 sends): finish this login, take a new one.
                logins.completes(login, login.phone());
                login = logins.withPhone();
                resendsInLogin = 0;
            }
            Result result = probe.post(FORGED, input.label(), login.browser(), login.action(CODE_FORM), input.fields(), CODE_FORM);
            assertThat(result.outcome()).as(input.label()).isEqualTo(Outcome.RESENT_BY_TWILIO);
            RecordedRequest create = single(result, RequestKind.CREATE_VERIFICATION);
            assertThat(create.param("To")).isEqualTo(login.phone());
            assertThat(create.param("Channel")).isEqualTo("sms");
            assertThat(create.form().toString()).doesNotContain("premium", "whatsapp", "+19005550123");
            assertThat(result.calls(RequestKind.CHECK)).as("resend wins over a code").isZero();
            login = login.at(result.page());
            resendsInLogin++;
        }
        for (Input input : RequestPayloads.forgedWithoutCode()) {
            Result result = probe.post(FORGED, input.label(), login.browser(), login.action(CODE_FORM), input.fields(), CODE_FORM);
            assertThat(result.twilioCalls()).as("no Twilio call for '%s'", input.label()).isEmpty();
            assertThat(result.outcome()).as(input.label()).isEqualTo(Outcome.REJECTED_ON_FORM);
            assertThat(result.page().fieldError("code")).contains("Enter the code");
            login = login.at(result.page());
        }
        assertThat(logins.failures(login)).isZero();
        logins.completes(login, login.phone());
    }

    @Test
    @Order(6)
    void malformedRequestBodiesNeverReachTwilioAndTheCodeFormStaysUsable() throws Exception {
        Login login = logins.withPhone();
        for (RawBody raw : RequestPayloads.rawBodies()) {
            Login current = login;
            Result result = probe.send(RAW, raw.label(), decodedForms(raw.body()), CODE_FORM,
                    () -> current.browser().postRaw(current.action(CODE_FORM), raw.contentType(), raw.body()));
            assertThat(result.twilioCalls()).as("no Twilio call for '%s'", raw.label()).isEmpty();
            assertThat(result.outcome()).as("'%s':%n%s", raw.label(), result.page().body()).isNotEqualTo(Outcome.LOGGED_IN);
            if (result.outcome() == Outcome.KEYCLOAK_FORM_PARSER_500) {
                // Not the step's doing: Keycloak's own username/password form answers the same body the same way.
                LoginBrowser other = env.newBrowser();
                String passwordForm = other.openLogin(AdversarialLogins.REALM, RealmJson.CLIENT_ID).document()
                        .getElementById("kc-form-login").absUrl("action");
                assertThat(other.postRaw(passwordForm, raw.contentType(), raw.body()).status())
                        .as("Keycloak's password form with '%s'", raw.label()).isEqualTo(500);
            }
            login = result.page().hasForm(CODE_FORM) ? login.at(result.page()) : logins.reloads(login, CODE_FORM);
        }
        assertThat(logins.failures(login)).isZero();
        logins.completes(login, login.phone());
    }

    @Test
    @Order(7)
    void replayedOrForgedActionUrlsGetKeycloaksOwnPagesNeverTwilioAndTheLoginGoesOn() throws Exception {
        Login login = logins.withPhone();
        String used = login.action(CODE_FORM);
        Result first = probe.post(URLS, "current action URL, junk code", login.browser(), used, JUNK, CODE_FORM);
        assertThat(first.outcome()).isEqualTo(Outcome.REJECTED_ON_FORM);
        login = login.at(first.page());

        List<Forgery> forgeries = new ArrayList<>();
        forgeries.add(new Forgery("replay of a used action URL", u -> used));
        String passwordStep = admin.execution(AdversarialLogins.REALM, RealmJson.FLOW_ALIAS, "auth-username-password-form")
                .path("id").asText();
        forgeries.addAll(UrlForgeries.all(passwordStep, TestEnvironment.REALM_NO_SETUP));
        for (Forgery forgery : forgeries) {
            String url = forgery.forge().apply(login.action(CODE_FORM));
            Result result = probe.post(URLS, forgery.label(), login.browser(), url, JUNK, CODE_FORM);
            assertThat(result.twilioCalls()).as("no Twilio call for '%s'", forgery.label()).isEmpty();
            assertThat(result.outcome()).as("'%s':%n%s", forgery.label(), result.page().body()).isNotEqualTo(Outcome.LOGGED_IN);
            if (forgery.label().startsWith("replay") || forgery.label().startsWith("session_code")) {
                assertThat(result.outcome()).as("a stale or forged session code is not acted on: %s", forgery.label())
                        .isIn(STALE_URL_HANDLING);
            }
            login = result.page().hasForm(CODE_FORM) ? login.at(result.page()) : logins.reloads(login, CODE_FORM);
        }
        Login current = login;
        Result get = probe.send(URLS, "GET of the action URL", List.of(), CODE_FORM, () -> current.browser().get(current.action(CODE_FORM)));
        assertThat(get.twilioCalls()).isEmpty();
        login = get.page().hasForm(CODE_FORM) ? login.at(get.page()) : logins.reloads(login, CODE_FORM);

        Result resend = probe.post(URLS, "resend at a used action URL", login.browser(), used, Map.of("resend", "true"), CODE_FORM);
        assertThat(resend.twilioCalls()).as("a stale URL sends nothing").isEmpty();
        assertThat(resend.outcome()).isIn(STALE_URL_HANDLING);
        Result right = probe.post(URLS, "right code at a used action URL", login.browser(), used,
                Map.of("code", logins.codeFor(login.phone())), CODE_FORM);
        assertThat(right.twilioCalls()).as("a stale URL checks nothing").isEmpty();
        assertThat(right.outcome()).isIn(STALE_URL_HANDLING);
        assertThat(logins.failures(login)).isZero();
        logins.completes(logins.reloads(login, CODE_FORM), login.phone());
    }

    @Test
    @Order(8)
    void finishedLoginCannotBeReplayedToSendCheckOrLogInAgain() throws Exception {
        Login login = logins.withPhone();
        String code = logins.codeFor(login.phone());
        String firstForm = login.action(CODE_FORM);
        login = login.at(probe.post(FINISHED, "junk code before finishing", login.browser(), firstForm, JUNK, CODE_FORM).page());
        String lastForm = login.action(CODE_FORM);
        String reload = login.page().reloadUrl();
        logins.completes(login, login.phone());

        Login enrolled = logins.withoutPhone();
        String phoneForm = enrolled.action(PHONE_FORM);
        String newPhone = TestUsers.newUsNumber();
        Login enrolledCode = enrolled.at(enrolled.browser().post(phoneForm, Map.of("phoneNumber", newPhone)));
        String enrolledCodeForm = enrolledCode.action(CODE_FORM);
        logins.completes(enrolledCode, newPhone);

        LoginBrowser stranger = env.newBrowser();
        record Replay(String label, LoginBrowser browser, String url, Map<String, ?> fields) {
        }
        List<Replay> replays = List.of(
                new Replay("same browser, right code at the last code form", login.browser(), lastForm, Map.of("code", code)),
                new Replay("same browser, right code at the first code form", login.browser(), firstForm, Map.of("code", code)),
                new Replay("same browser, resend at the last code form", login.browser(), lastForm, Map.of("resend", "true")),
                new Replay("same browser, junk code", login.browser(), lastForm, JUNK),
                new Replay("other browser, right code at the last code form", stranger, lastForm, Map.of("code", code)),
                new Replay("other browser, resend at the last code form", stranger, lastForm, Map.of("resend", "true")),
                new Replay("same browser, new number at a finished phone form", enrolled.browser(), phoneForm,
                        Map.of("phoneNumber", TestUsers.newUsNumber())),
                new Replay("other browser, new number at a finished phone form", stranger, phoneForm,
                        Map.of("phoneNumber", TestUsers.newUsNumber())),
                new Replay("same browser, right code at a finished enrolment", enrolled.browser(), enrolledCodeForm,
                        Map.of("code", logins.codeFor(newPhone))));
        for (Replay replay : replays) {
            Result result = probe.post(FINISHED, replay.label(), replay.browser(), replay.url(), replay.fields(), CODE_FORM);
            assertThat(result.twilioCalls()).as("no Twilio call for '%s'", replay.label()).isEmpty();
            assertThat(result.outcome()).as("'%s' ends on Keycloak's own answer:%n%s", replay.label(), result.page().body())
                    .isIn(Outcome.REDIRECTED_WITH_ERROR, Outcome.KEYCLOAK_MESSAGE, Outcome.PAGE_EXPIRED, Outcome.LOGIN_FORM);
        }
        for (LoginBrowser browser : List.of(login.browser(), stranger)) {
            Result get = probe.send(FINISHED, "GET of a finished step's reload URL", List.of(), CODE_FORM, () -> browser.get(reload));
            assertThat(get.twilioCalls()).isEmpty();
        }
        Login again = logins.withPhone();
        logins.completes(again, again.phone());
    }

    @Test
    @Order(100)
    void atLeast200AdversarialInputsWereTriedAndNoneGotA5xxExceptKeycloaksOwnFormParser() throws Exception {
        String table = TALLY.table();
        System.out.printf("%nAdversarial inputs against the Twilio OTP step (realm %s), by group and outcome:%n%s%n",
                AdversarialLogins.REALM, table);
        Path listing = Path.of("target", "it", "adversarial-inputs.txt");
        Files.createDirectories(listing.getParent());
        Files.writeString(listing, table + System.lineSeparator() + String.join(System.lineSeparator(), TALLY.lines())
                + System.lineSeparator(), StandardCharsets.UTF_8);
        assertThat(TALLY.serverErrors()).as("requests answered with 5xx").isEmpty();
        assertThat(TALLY.count(Outcome.SERVER_ERROR)).isZero();
        // Known, and not the step's: RESTEasy Reactive's form parser throws on bad percent-encoding and on more than
        // 1000 fields before Keycloak's resource method runs, and Keycloak maps that to 500 on every form it serves
        // (the raw-body test proves it on Keycloak's own password form). Only raw bodies may hit it.
        assertThat(TALLY.count(Outcome.KEYCLOAK_FORM_PARSER_500)).as("Keycloak form-parser 500s outside the raw bodies")
                .isEqualTo(TALLY.count(RAW, Outcome.KEYCLOAK_FORM_PARSER_500));
        assertThat(TALLY.total()).as("adversarial inputs tried").isGreaterThanOrEqualTo(200);
    }

    /** The body and what it decodes to, where it decodes: neither may come back unescaped. */
    private static List<String> decodedForms(String body) {
        try {
            return List.of(body, URLDecoder.decode(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return List.of(body);
        }
    }

    private static RecordedRequest single(Result result, RequestKind kind) {
        List<RecordedRequest> calls = result.twilioCalls().stream().filter(r -> r.kind() == kind).toList();
        assertThat(calls).as("exactly one %s", kind).hasSize(1);
        return calls.get(0);
    }
}
