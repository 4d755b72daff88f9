package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The login step in a real Keycloak, through the real twilio-java SDK, against the Verify emulator. */
class TwilioOtpLoginIT extends KeycloakITBase {

    @Test
    void userWithPhoneLogsInWithTheCodeTwilioSentInOneCreateAndOneCheck() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(TestEnvironment.REALM, phone);

        Page codeForm = browser.signIn(TestEnvironment.REALM, user);

        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        Element input = codeForm.document().getElementById("code");
        assertThat(input.attr("name")).isEqualTo("code");
        assertThat(input.attr("autocomplete")).isEqualTo("one-time-code");
        assertThat(input.attr("inputmode")).isEqualTo("numeric");
        assertThat(codeForm.text()).contains("\u2022\u2022\u2022\u2022\u2022\u2022\u2022" + phone.substring(phone.length() - 4))
                .doesNotContain(phone.substring(2));

        RecordedRequest create = twilio.requests().get(0);
        assertThat(create.kind()).isEqualTo(RequestKind.CREATE_VERIFICATION);
        assertThat(create.param("To")).isEqualTo(phone);
        assertThat(create.param("Channel")).isEqualTo("sms");
        assertThat(create.param("DeviceIp")).isNotBlank();
        assertThat(create.param("Tags")).contains(TestEnvironment.REALM);

        Page done = browser.enterCode(codeForm, codeFor(phone));

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(twilio.count(RequestKind.CHECK)).isEqualTo(1);
        assertThat(twilio.requests()).hasSize(2);
        assertThat(admin.events(TestEnvironment.REALM, userId(TestEnvironment.REALM, user))).anySatisfy(event -> {
            assertThat(event.path("type").asText()).isEqualTo("LOGIN");
            assertThat(event.path("details").path("twilio_channel").asText()).isEqualTo("sms");
            assertThat(event.path("details").path("twilio_phone").asText()).endsWith(phone.substring(phone.length() - 4)).startsWith("\u2022");
        });
    }

    @Test
    void wrongCodeShowsTheFormAgainAndCountsAsFailedLogin() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(TestEnvironment.REALM, phone);
        Page codeForm = browser.signIn(TestEnvironment.REALM, user);

        Page wrong = browser.enterCode(codeForm, TestUsers.otherCodeThan(codeFor(phone)));

        assertThat(wrong.loggedIn()).isFalse();
        assertThat(wrong.hasForm(CODE_FORM)).isTrue();
        assertThat(wrong.fieldError("code")).contains("not correct");
        assertThat(wrong.document().getElementById("code").attr("aria-invalid")).isEqualTo("true");
        assertThat(admin.bruteForceStatus(TestEnvironment.REALM, userId(TestEnvironment.REALM, user)).path("numFailures").asInt()).isEqualTo(1);

        TestUsers.typingPause();
        Page done = browser.enterCode(wrong, codeFor(phone));
        assertThat(done.loggedIn()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(twilio.count(RequestKind.CHECK)).isEqualTo(2);
    }

    @Test
    void reloadingTheCodePageOrSubmittingThePasswordTwiceSendsNoSecondCode() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(TestEnvironment.REALM, phone);
        Page login = browser.openLogin(TestEnvironment.REALM, RealmJson.CLIENT_ID);

        Page codeForm = browser.signIn(login, user, TestUsers.PASSWORD);
        Page doubleSubmit = browser.signIn(login, user, TestUsers.PASSWORD);
        Page reloaded = browser.get(codeForm.reloadUrl());

        assertThat(codeForm.hasForm(CODE_FORM)).isTrue();
        assertThat(doubleSubmit.status()).isLessThan(500);
        assertThat(reloaded.hasForm(CODE_FORM)).as(reloaded.body()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);

        Page done = browser.enterCode(reloaded, codeFor(phone));
        assertThat(done.loggedIn()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(twilio.count(RequestKind.CHECK)).isEqualTo(1);
    }

    @Test
    void userWithoutPhoneEntersANationalNumberAndItIsSavedOnlyAfterApproval() throws Exception {
        String user = newUser(TestEnvironment.REALM, null);
        String phone = TestUsers.newUsNumber();
        String national = "(" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-" + phone.substring(8);

        Page phoneForm = browser.signIn(TestEnvironment.REALM, user);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
        assertThat(phoneForm.document().getElementById("phoneNumber").attr("name")).isEqualTo("phoneNumber");

        Page codeForm = browser.enterPhone(phoneForm, national);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(twilio.requests().get(0).param("To")).isEqualTo(phone);
        assertThat(admin.attribute(TestEnvironment.REALM, userId(TestEnvironment.REALM, user), "phoneNumber")).isNull();

        Page done = browser.enterCode(codeForm, codeFor(phone));

        assertThat(done.loggedIn()).isTrue();
        assertThat(admin.attribute(TestEnvironment.REALM, userId(TestEnvironment.REALM, user), "phoneNumber")).isEqualTo(phone);
        assertThat(admin.attribute(TestEnvironment.REALM, userId(TestEnvironment.REALM, user), "phoneNumberVerified")).isEqualTo("true");
    }

    @Test
    void internationalFormatWithSpacesAndDashesIsAccepted() throws Exception {
        String user = newUser(TestEnvironment.REALM, null);
        String phone = TestUsers.newUsNumber();
        String typed = "+1 " + phone.substring(2, 5) + "-" + phone.substring(5, 8) + "-" + phone.substring(8);

        Page codeForm = browser.enterPhone(browser.signIn(TestEnvironment.REALM, user), typed);

        assertThat(codeForm.hasForm(CODE_FORM)).isTrue();
        assertThat(twilio.requests().get(0).param("To")).isEqualTo(phone);
    }

    @Test
    void invalidPhoneNumbersAreRefusedOnTheFormWithoutCallingTwilio() throws Exception {
        String user = newUser(TestEnvironment.REALM, null);
        Page form = browser.signIn(TestEnvironment.REALM, user);

        for (String typed : new String[] {"12", "not a number", "+1 415 555", "", "<script>alert(1)</script>"}) {
            form = browser.enterPhone(form, typed);
            assertThat(form.status()).isEqualTo(200);
            assertThat(form.hasForm(PHONE_FORM)).as(typed).isTrue();
            assertThat(form.fieldError("phoneNumber")).as(typed).contains("valid mobile number");
            assertThat(form.body()).doesNotContain("<script>alert(1)</script>");
        }
        assertThat(twilio.requests()).isEmpty();
        assertThat(admin.attribute(TestEnvironment.REALM, userId(TestEnvironment.REALM, user), "phoneNumber")).isNull();
    }

    @Test
    void userWithoutPhoneSeesAClearMessageWhenSetupIsNotAllowed() throws Exception {
        String user = newUser(TestEnvironment.REALM_NO_SETUP, null);

        Page page = browser.signIn(TestEnvironment.REALM_NO_SETUP, user);

        assertThat(page.loggedIn()).isFalse();
        assertThat(page.status()).isLessThan(500);
        assertThat(page.text()).contains("no phone number");
        assertThat(page.hasForm(PHONE_FORM)).isFalse();
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void expiredVerificationSaysSoAndANewCodeCanBeRequested() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(TestEnvironment.REALM, phone);
        Page codeForm = browser.signIn(TestEnvironment.REALM, user);
        String oldCode = codeFor(phone);

        twilio.advanceClock(java.time.Duration.ofMinutes(11));
        Page expired = browser.enterCode(codeForm, oldCode);

        assertThat(expired.loggedIn()).isFalse();
        assertThat(expired.text()).contains("expired");
        assertThat(expired.document().getElementById("kc-twilio-otp-resend")).isNotNull();
        assertThat(admin.bruteForceStatus(TestEnvironment.REALM, userId(TestEnvironment.REALM, user)).path("numFailures").asInt()).isZero();

        Page newCode = browser.submit(expired, CODE_FORM, Map.of("resend", "true"));
        assertThat(newCode.text()).contains("new code is on its way");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);

        Page done = browser.enterCode(newCode, codeFor(phone));
        assertThat(done.loggedIn()).isTrue();
    }

    @Test
    void tooManyWrongCodesAtTwilioSaysSoAndOffersANewCode() throws Exception {
        String phone = TestUsers.newUsNumber();
        Page codeForm = browser.signIn(TestEnvironment.REALM, newUser(TestEnvironment.REALM, phone));

        twilio.failNext(429, 60202);
        Page page = browser.enterCode(codeForm, codeFor(phone));

        assertThat(page.loggedIn()).isFalse();
        assertThat(page.text()).contains("Too many wrong codes");
        assertThat(page.document().getElementById("code")).as("no code input once the verification ended").isNull();
        assertThat(page.document().getElementById("kc-twilio-otp-resend")).isNotNull();
    }

    @Test
    void twilioOutageOnSendShowsAMessageAndTryingAgainWorks() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(TestEnvironment.REALM, phone);
        twilio.failNext(503, 0);

        Page page = browser.signIn(TestEnvironment.REALM, user);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.loggedIn()).isFalse();
        assertThat(page.text()).contains("could not reach the verification service");
        assertThat(admin.bruteForceStatus(TestEnvironment.REALM, userId(TestEnvironment.REALM, user)).path("numFailures").asInt()).isZero();

        Page retried = browser.submit(page, CODE_FORM, Map.of("resend", "true"));
        Page done = browser.enterCode(retried, codeFor(phone));
        assertThat(done.loggedIn()).isTrue();
    }

    @Test
    void twilioThrottlingOrHangingOnCheckIsNeitherAFailedLoginNorASuccess() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(TestEnvironment.REALM, phone);
        Page codeForm = browser.signIn(TestEnvironment.REALM, user);
        String code = codeFor(phone);

        twilio.failNext(429, 20429);
        Page throttled = browser.enterCode(codeForm, code);
        assertThat(throttled.loggedIn()).isFalse();
        assertThat(throttled.text()).contains("Too many requests");

        twilio.hangNext();
        long started = System.nanoTime();
        Page hung = browser.enterCode(throttled, code);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("Code page answered in %d ms while Twilio hung (read timeout %d ms)%n", millis, TestEnvironment.READ_TIMEOUT_MS);

        assertThat(hung.status()).isEqualTo(200);
        assertThat(hung.loggedIn()).isFalse();
        assertThat(hung.text()).contains("could not reach the verification service");
        assertThat(admin.bruteForceStatus(TestEnvironment.REALM, userId(TestEnvironment.REALM, user)).path("numFailures").asInt()).isZero();

        Page done = browser.enterCode(hung, code);
        assertThat(done.loggedIn()).isTrue();
    }

    @Test
    void malformedSettingShowsAnErrorPageLogsTheSettingAndLetsNobodyIn() throws Exception {
        String user = newUser(TestEnvironment.REALM_BROKEN, TestUsers.newUsNumber());

        Page page = browser.signIn(TestEnvironment.REALM_BROKEN, user);

        assertThat(page.loggedIn()).isFalse();
        assertThat(page.status()).isNotEqualTo(500);
        assertThat(page.text()).contains("not set up correctly");
        assertThat(twilio.requests()).isEmpty();
        assertThat(env.keycloak().log()).contains("Twilio OTP setting 'verifyServiceSid' must be VA followed by 32 hexadecimal characters");
    }

    @Test
    void authTokenIsReadFromTheVaultAndMaskedInTheAdminApi() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(TestEnvironment.REALM_VAULT, phone);

        Page codeForm = browser.signIn(TestEnvironment.REALM_VAULT, user);
        Page done = browser.enterCode(codeForm, codeFor(phone));

        assertThat(done.loggedIn()).as(codeForm.body()).isTrue();
        String configId = admin.execution(TestEnvironment.REALM_VAULT, RealmJson.FLOW_ALIAS, "twilio-otp")
                .path("authenticationConfig").asText();
        String shown = admin.authenticatorConfig(TestEnvironment.REALM_VAULT, configId).path("config").path("authToken").asText();
        assertThat(shown).isNotEqualTo(VerifyEmulator.AUTH_TOKEN);
    }

    @Test
    void userLockedByBruteForceProtectionGetsNoFurtherCheckAtTwilio() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(TestEnvironment.REALM, phone);
        Page page = browser.signIn(TestEnvironment.REALM, user);
        String wrong = TestUsers.otherCodeThan(codeFor(phone));

        // Keycloak locks after 5 failures, or at once when two come within a second (quick-login check).
        int posts = 0;
        while (page.hasForm(CODE_FORM) && posts < 6) {
            page = browser.enterCode(page, wrong);
            posts++;
        }

        // The message is shown only when Keycloak's brute-force protector reports the user locked.
        assertThat(page.text()).contains("Too many failed attempts");
        assertThat(page.loggedIn()).isFalse();
        assertThat(twilio.count(RequestKind.CHECK)).as("the post that met the lock was not checked").isEqualTo(posts - 1);
    }

    @Test
    void resendWithinTheCooldownSendsNothingAndShowsTheWait() throws Exception {
        String phone = TestUsers.newUsNumber();
        Page codeForm = browser.signIn(TestEnvironment.REALM_VAULT, newUser(TestEnvironment.REALM_VAULT, phone));

        assertThat(codeForm.document().getElementById("kc-twilio-otp-resend").hasAttr("disabled")).isTrue();
        Page again = browser.submit(codeForm, CODE_FORM, Map.of("resend", "true"));

        assertThat(again.text()).containsPattern("ask for a new code in [0-9]+ s\\.");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(browser.enterCode(again, codeFor(phone)).loggedIn()).isTrue();
    }
}
