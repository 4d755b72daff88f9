package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.OidcTokens;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Twilio OTP: sign in with phone number" in a real Keycloak, over HTTP: the holder of a number signs in with one send
 * and one check; nothing tells an unknown number, a shared one, a disabled or a locked account from a real one; wrong
 * codes lock the holder's account; it works beside the password form and before a password step.
 */
@ExtendWith(TestEnvironment.class)
class PhoneLoginIT {

    private static final String PHONE_FORM = "kc-twilio-otp-phone-form";
    private static final String CODE_FORM = "kc-twilio-otp-code-form";
    /** Twilio's answer time while the decoy test runs: the decoys must learn it from the real requests. */
    private static final Duration TWILIO_DELAY = Duration.ofMillis(300);

    private final TestEnvironment env = TestEnvironment.get();
    private final VerifyEmulator twilio = env.emulator();
    private final AdminApi admin = env.admin();

    @BeforeEach
    void realms() {
        new PhoneLoginRealms(admin);
        twilio.reset();
    }

    @AfterEach
    void normalTwilio() {
        twilio.reset();
    }

    @Test
    void theHolderOfAKnownNumberSignsInWithOneSendAndOneCheck() throws Exception {
        String realm = PhoneLoginRealms.PHONE_ONLY;
        String phone = TestUsers.newUsNumber();
        String username = TestUsers.newUserWithPhones(admin, realm, phone);
        TestUsers.newUserWithPhones(admin, realm, TestUsers.newUsNumber()); // someone else, with another number
        LoginBrowser browser = env.newBrowser();

        Page phoneForm = browser.openLogin(realm, RealmJson.CLIENT_ID);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
        assertThat(phoneForm.text()).contains("Sign in with your phone number");
        // As people write it, read with the realm's default region (US).
        Page codeForm = browser.submit(phoneForm, PHONE_FORM, Map.of("phoneNumber", national(phone)));
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(codeForm.text()).contains("If this number belongs to an account, we sent a code to it.");
        Page done = browser.submit(codeForm, CODE_FORM, Map.of("code", twilio.lastCodeSentTo(phone).orElseThrow()));

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(OidcTokens.idTokenClaims(browser.keycloakUrl(), realm, done.redirectedTo()).path("preferred_username").asText())
                .isEqualTo(username);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("Twilio creates").isEqualTo(1);
        assertThat(twilio.count(RequestKind.CHECK)).as("Twilio checks").isEqualTo(1);
        JsonNode login = event(realm, admin.userIdByName(realm, username), "LOGIN");
        assertThat(login.path("details").path("twilio_phone").asText()).isEqualTo("•••••••" + phone.substring(phone.length() - 4));
    }

    @Test
    void unknownSharedDisabledAndLockedNumbersSeeTheSamePagesAsARealOneAndGetNoCode() throws Exception {
        String realm = PhoneLoginRealms.PHONE_OR_PASSWORD;
        twilio.delayEvery(TWILIO_DELAY);
        // Real requests at Twilio's current pace first, as on any node in service: the decoys follow the recent ones.
        for (int i = 0; i < 2; i++) {
            String phone = TestUsers.newUsNumber();
            TestUsers.newUserWithPhones(admin, realm, phone);
            LoginBrowser browser = env.newBrowser();
            Page code = enterNumber(browser, realm, phone);
            assertThat(browser.submit(code, CODE_FORM, Map.of("code", twilio.lastCodeSentTo(phone).orElseThrow())).loggedIn()).isTrue();
        }
        Map<String, String> numbers = new LinkedHashMap<>();
        String real = TestUsers.newUsNumber();
        TestUsers.newUserWithPhones(admin, realm, real);
        numbers.put("a holder's number", real);
        numbers.put("an unknown number", TestUsers.newUsNumber());
        String shared = TestUsers.newUsNumber();
        TestUsers.newUserWithPhones(admin, realm, shared);
        TestUsers.newUserWithPhones(admin, realm, shared); // imported by an admin: the rule applies only at enrolment
        numbers.put("a number two accounts hold", shared);
        String disabled = TestUsers.newUsNumber();
        disable(realm, TestUsers.newUserWithPhones(admin, realm, disabled));
        numbers.put("a disabled account's number", disabled);
        String locked = TestUsers.newUsNumber();
        Lockouts.lockWithPasswords(env, realm, TestUsers.newUserWithPhones(admin, realm, locked));
        numbers.put("a locked account's number", locked);

        long sendsBefore = twilio.count(RequestKind.CREATE_VERIFICATION);
        Map<String, PageSequence> seen = new LinkedHashMap<>();
        for (Map.Entry<String, String> number : numbers.entrySet()) {
            seen.put(number.getKey(), walk(realm, number.getValue()));
        }

        PageSequence expected = seen.get("a holder's number");
        assertThat(expected.pages).hasSize(5);
        assertThat(expected.pages.get(1)).contains("If this number belongs to an account");
        assertThat(expected.pages.get(4)).contains("That code is not correct");
        seen.forEach((kind, sequence) -> {
            for (int step = 0; step < expected.pages.size(); step++) {
                assertThat(sequence.pages.get(step)).as("%s, step %d", kind, step).isEqualTo(expected.pages.get(step));
            }
            System.out.printf("Phone sign-in, %-28s number %4d ms, resend %4d ms, checks %s%n", kind,
                    sequence.millis.get(1), sequence.millis.get(2), sequence.millis.subList(3, 5));
        });
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION) - sendsBefore).as("sends reached Twilio only for the holder")
                .isEqualTo(2);
        for (String number : List.of(numbers.get("an unknown number"), shared, disabled, locked)) {
            assertThat(twilio.lastCodeSentTo(number)).as("no code to %s", number).isEmpty();
        }
        for (String decoy : List.of("an unknown number", "a number two accounts hold", "a disabled account's number",
                "a locked account's number")) {
            // A sleep cannot end early, so these lower bounds hold on any machine: the decoy waited as Twilio would.
            assertThat(seen.get(decoy).millis.get(1)).as("%s: the number's page waits like a real send", decoy)
                    .isGreaterThanOrEqualTo(TWILIO_DELAY.toMillis());
            assertThat(seen.get(decoy).millis.get(3)).as("%s: a check waits like a real check", decoy)
                    .isGreaterThanOrEqualTo(TWILIO_DELAY.toMillis());
        }
    }

    @Test
    void aNumberInAnAttributeAloneNeitherSignsInNorTakesTheSignInFromItsHolder() throws Exception {
        String realm = PhoneLoginRealms.PHONE_ONLY;
        String phone = TestUsers.newUsNumber();
        String holder = TestUsers.newUserWithPhones(admin, realm, phone);
        // Accounts whose attribute shows the number without holding it: typed into a profile, imported, set by an admin.
        String squatter = TestUsers.newUserWithPhones(admin, realm, TestUsers.newUsNumber());
        admin.setAttribute(realm, admin.userIdByName(realm, squatter), "phoneNumber", phone);
        TestUsers.newUser(admin, realm, phone);
        String attributeOnly = TestUsers.newUsNumber();
        TestUsers.newUser(admin, realm, attributeOnly);

        LoginBrowser browser = env.newBrowser();
        Page done = browser.submit(enterNumber(browser, realm, phone), CODE_FORM, Map.of("code", twilio.lastCodeSentTo(phone).orElseThrow()));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(OidcTokens.idTokenClaims(browser.keycloakUrl(), realm, done.redirectedTo()).path("preferred_username").asText())
                .as("the credential's holder, not an account that only shows the number").isEqualTo(holder);

        Page decoy = enterNumber(env.newBrowser(), realm, attributeOnly);
        assertThat(decoy.hasForm(CODE_FORM)).as(decoy.body()).isTrue();
        assertThat(twilio.lastCodeSentTo(attributeOnly)).as("a number only an attribute shows gets no code").isEmpty();
    }

    @Test
    void wrongCodesAcrossPhoneSignInsLockTheHolderAndThenNothingReachesTwilio() throws Exception {
        String realm = PhoneLoginRealms.PHONE_ONLY;
        String phone = TestUsers.newUsNumber();
        String userId = admin.userIdByName(realm, TestUsers.newUserWithPhones(admin, realm, phone));

        // The attacker knows the number, not the code: three guesses in one sign-in, two in another (failure factor 5).
        LoginBrowser first = env.newBrowser();
        guessWrong(first, enterNumber(first, realm, phone), phone, 3);
        LoginBrowser second = env.newBrowser();
        Page last = guessWrong(second, enterNumber(second, realm, phone), phone, 2);
        awaitLocked(realm, userId);

        // The right code now (it is still pending at Twilio) lets nobody in, and is not even checked.
        long checks = twilio.count(RequestKind.CHECK);
        TestUsers.typingPause();
        Page right = second.submit(last, CODE_FORM, Map.of("code", twilio.lastCodeSentTo(phone).orElseThrow()));
        assertThat(right.loggedIn()).as(right.toString()).isFalse();
        assertThat(right.fieldError("code")).contains("not correct");
        assertThat(twilio.count(RequestKind.CHECK)).as("no check after the lock").isEqualTo(checks);

        // A new phone sign-in for the locked account: the decoy, no send.
        long sends = twilio.count(RequestKind.CREATE_VERIFICATION);
        Page again = enterNumber(env.newBrowser(), realm, phone);
        assertThat(again.hasForm(CODE_FORM)).as(again.body()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("no send to a locked account").isEqualTo(sends);
    }

    @Test
    void phoneSignInIsAnAlternativeToThePasswordFormInTheSameFlow() throws Exception {
        String realm = PhoneLoginRealms.PHONE_OR_PASSWORD;
        String phone = TestUsers.newUsNumber();
        String username = TestUsers.newUserWithPhones(admin, realm, phone);

        LoginBrowser byPassword = env.newBrowser();
        Page passwordDone = byPassword.signIn(byPassword.openLogin(realm, RealmJson.CLIENT_ID), username, TestUsers.PASSWORD);
        assertThat(passwordDone.loggedIn()).as("the password form still signs in alone: %s", passwordDone).isTrue();

        LoginBrowser byPhone = env.newBrowser();
        Page phoneForm = choosePhoneSignIn(byPhone, realm);
        Page codeForm = byPhone.submit(phoneForm, PHONE_FORM, Map.of("phoneNumber", phone));
        Page done = byPhone.submit(codeForm, CODE_FORM, Map.of("code", twilio.lastCodeSentTo(phone).orElseThrow()));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(OidcTokens.idTokenClaims(byPhone.keycloakUrl(), realm, done.redirectedTo()).path("preferred_username").asText())
                .isEqualTo(username);
    }

    @Test
    void aPasswordStepAfterPhoneSignInStillAsksForThePassword() throws Exception {
        String realm = PhoneLoginRealms.PHONE_THEN_PASSWORD;
        String phone = TestUsers.newUsNumber();
        String username = TestUsers.newUserWithPhones(admin, realm, phone);
        LoginBrowser browser = env.newBrowser();
        Page codeForm = enterNumber(browser, realm, phone);
        Page passwordForm = browser.submit(codeForm, CODE_FORM, Map.of("code", twilio.lastCodeSentTo(phone).orElseThrow()));
        assertThat(passwordForm.loggedIn()).as("a code alone is not enough here").isFalse();
        assertThat(passwordForm.document().getElementById("password")).as(passwordForm.body()).isNotNull();

        Page wrong = browser.submit(passwordForm, "kc-form-login", Map.of("password", "not-" + TestUsers.PASSWORD));
        assertThat(wrong.loggedIn()).isFalse();
        Page done = browser.submit(wrong, "kc-form-login", Map.of("password", TestUsers.PASSWORD));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(OidcTokens.idTokenClaims(browser.keycloakUrl(), realm, done.redirectedTo()).path("preferred_username").asText())
                .isEqualTo(username);
    }

    @Test
    void withoutTheRuleOneAccountPerNumberPhoneSignInRefusesEveryoneWithoutASend() throws Exception {
        String realm = PhoneLoginRealms.RULE_OFF;
        TestUsers.newUserWithPhones(admin, realm, TestUsers.newUsNumber());
        Page page = env.newBrowser().openLogin(realm, RealmJson.CLIENT_ID);
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.text()).contains("not set up correctly");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isZero();
    }

    @Test
    void aNumberAnotherAccountHoldsIsRefusedAtEnrolmentOnceItsCodeIsApproved() throws Exception {
        String realm = PhoneLoginRealms.PHONE_OR_PASSWORD;
        String taken = TestUsers.newUsNumber();
        TestUsers.newUserWithPhones(admin, realm, taken);
        String username = TestUsers.newUserWithPhones(admin, realm, TestUsers.newUsNumber());
        LoginBrowser browser = env.newBrowser();
        Page phoneForm = browser.signIn(browser.openLogin(realm, RealmJson.CLIENT_ID, "&kc_action=" + AdminApi.VERIFY_PHONE_ACTION),
                username, TestUsers.PASSWORD);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();

        Page codeForm = browser.submit(phoneForm, PHONE_FORM, Map.of("phoneNumber", taken));
        Page refused = browser.submit(codeForm, CODE_FORM, Map.of("code", twilio.lastCodeSentTo(taken).orElseThrow()));

        assertThat(refused.hasForm(PHONE_FORM)).as(refused.body()).isTrue();
        assertThat(refused.fieldError("phoneNumber")).contains("already used by another account");
        assertThat(admin.phoneCredentials(realm, admin.userIdByName(realm, username))).as("still only the user's own number")
                .hasSize(1);
    }

    /** The number's page, a resend, two wrong codes: the text, forms and buttons of each page, and how long each took. */
    private PageSequence walk(String realm, String number) throws Exception {
        LoginBrowser browser = env.newBrowser();
        PageSequence sequence = new PageSequence();
        long started = System.nanoTime();
        Page page = choosePhoneSignIn(browser, realm);
        sequence.add(page, started);
        started = System.nanoTime();
        page = browser.submit(page, PHONE_FORM, Map.of("phoneNumber", number));
        sequence.add(page, started);
        started = System.nanoTime();
        page = browser.submit(page, CODE_FORM, Map.of("resend", "true"));
        sequence.add(page, started);
        for (int i = 0; i < 2; i++) {
            TestUsers.typingPause();
            started = System.nanoTime();
            page = browser.submit(page, CODE_FORM, Map.of("code", otherCodeThan(twilio.lastCodeSentTo(number).orElse(""), i)));
            sequence.add(page, started);
        }
        return sequence;
    }

    /** The login page, "Try another way", then our choice: the phone form. */
    private static Page choosePhoneSignIn(LoginBrowser browser, String realm) throws Exception {
        Page login = browser.openLogin(realm, RealmJson.CLIENT_ID);
        if (login.hasForm(PHONE_FORM)) {
            return login;
        }
        Page choices = browser.submit(login, "kc-select-try-another-way-form", Map.of());
        for (Element item : choices.document().select("li")) {
            Element title = item.selectFirst("h2");
            Element input = item.selectFirst("input[name=authenticationExecution]");
            if (title != null && input != null && title.text().contains("Sign in with a phone number instead")) {
                String action = choices.document().selectFirst("form#kc-select-credential-form").absUrl("action");
                Page phoneForm = browser.post(action, Map.of("authenticationExecution", input.attr("value")));
                assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
                return phoneForm;
            }
        }
        throw new AssertionError("No phone sign-in among the choices:\n" + choices.text());
    }

    private static Page enterNumber(LoginBrowser browser, String realm, String phone) throws Exception {
        Page codeForm = browser.submit(choosePhoneSignIn(browser, realm), PHONE_FORM, Map.of("phoneNumber", phone));
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        return codeForm;
    }

    private Page guessWrong(LoginBrowser browser, Page codeForm, String phone, int guesses) throws Exception {
        Page page = codeForm;
        for (int i = 0; i < guesses; i++) {
            TestUsers.typingPause();
            page = browser.submit(page, CODE_FORM, Map.of("code", otherCodeThan(twilio.lastCodeSentTo(phone).orElseThrow(), i)));
            assertThat(page.fieldError("code")).as(page.body()).contains("not correct");
        }
        return page;
    }

    private static String otherCodeThan(String code, int i) {
        String guess = String.format("00000%d", i);
        return guess.equals(code) ? "99999" + i : guess;
    }

    /** "(415) 555-0134" for +14155550134. */
    private static String national(String e164) {
        return "(" + e164.substring(2, 5) + ") " + e164.substring(5, 8) + "-" + e164.substring(8);
    }

    private void disable(String realm, String username) {
        String id = admin.userIdByName(realm, username);
        ObjectNode user = (ObjectNode) admin.user(realm, id);
        admin.send("PUT", "/admin/realms/" + realm + "/users/" + id, user.put("enabled", false).toString());
    }

    /** Keycloak records failures on a background executor: the lock shows up shortly after the fifth wrong code. */
    private void awaitLocked(String realm, String userId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!admin.bruteForceStatus(realm, userId).path("disabled").asBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(admin.bruteForceStatus(realm, userId).path("disabled").asBoolean()).as("locked by wrong codes: %s",
                admin.bruteForceStatus(realm, userId)).isTrue();
    }

    private JsonNode event(String realm, String userId, String type) {
        for (JsonNode event : admin.events(realm, userId)) {
            if (type.equals(event.path("type").asText())) {
                return event;
            }
        }
        throw new AssertionError("No " + type + " event for " + userId + ": " + admin.events(realm, userId));
    }
}
