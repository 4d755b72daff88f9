package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.it.RememberDeviceRealms.DAYS;
import static io.github.kctwilio.otp.it.RememberDeviceRealms.TWO_FACTOR;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.OidcTokens;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.ServerTime;
import io.github.kctwilio.otp.testsupport.StepUpRealm;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Remember this device" in a real Keycloak, over HTTP: a ticked box lets the next sign-in of that user in that browser
 * pass the code step with no Twilio request; every invalidating event (the period, the phone credential, the password,
 * an admin's sign-out, the user's "forget devices") brings the code back; a step-up and a reset always ask; forged and
 * copied cookies count for nothing; and phone sign-in remembers only before a password.
 */
class RememberDeviceIT extends KeycloakITBase {

    private static final String COOKIE = "TWILIO_OTP_DEVICE";
    private static final String BOX = "rememberDevice";

    /** Twilio's creates before the last sign-in of {@link #signIn}. */
    private long createsBefore;

    @BeforeEach
    void realms() {
        new RememberDeviceRealms(admin);
    }

    @Test
    void aTickedBoxSetsAHardenedCookieAndTheNextSignInPassesWithoutAnyTwilioRequest() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(TWO_FACTOR, phone);

        Page codeForm = browser.signIn(TWO_FACTOR, user);
        assertThat(codeForm.document().getElementById(BOX)).as(codeForm.body()).isNotNull();
        assertThat(codeForm.text()).contains("Don\u2019t ask for a code on this device for " + DAYS + " days");
        Page done = browser.submit(codeForm, CODE_FORM, Map.of("code", codeFor(phone), BOX, "on"));
        assertThat(done.loggedIn()).as(done.body()).isTrue();

        String header = browser.setCookieHeader(COOKIE);
        assertThat(header).as("Set-Cookie").isNotNull()
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("Secure").containsIgnoringCase("SameSite=Strict")
                .containsIgnoringCase("Path=/realms/" + TWO_FACTOR + "/")
                .containsIgnoringCase("Max-Age=" + Duration.ofDays(DAYS).toSeconds());
        assertThat(browser.cookie(COOKIE)).doesNotContain(phone.substring(2)).doesNotContain(TestUsers.PASSWORD);
        assertThat(lastLogin(user).path("details").path("twilio_remembered_device").asText()).isEqualTo("issued");

        long sendsBefore = twilio.requests().size();
        Page again = nextSignIn(browser, user);

        assertThat(again.loggedIn()).as(again.body()).isTrue();
        assertThat(twilio.requests()).as("Twilio requests of the remembered sign-in").hasSize((int) sendsBefore);
        JsonNode login = lastLogin(user);
        assertThat(login.path("details").path("twilio_remembered_device").asText()).isEqualTo("used");
        assertThat(login.path("details").path("twilio_phone").asText()).isEqualTo("•••••••" + phone.substring(phone.length() - 4));
    }

    @Test
    void anUntickedBoxSetsNoCookieAndTheNextSignInAsksForACode() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(TWO_FACTOR, phone);

        Page codeForm = signIn(browser, user);
        assertThat(browser.enterCode(codeForm, codeFor(phone)).loggedIn()).isTrue();

        assertThat(browser.cookie(COOKIE)).isNull();
        assertCodeAsked(nextSignIn(browser, user), phone);
    }

    @Test
    void withTheSettingAtZeroTheFormOffersNoBoxAndCookiesAlreadyOutNoLongerCount() throws Exception {
        Remembered remembered = rememberedUser();
        String user = remembered.user();
        String phone = remembered.phone();
        setDays("0");

        Page page = nextSignIn(browser, user);

        assertCodeAsked(page, phone);
        assertThat(page.document().getElementById(BOX)).as("no box").isNull();
    }

    @Test
    void theCookieEndsWithItsPeriod() throws Exception {
        Remembered remembered = rememberedUser();
        String user = remembered.user();
        String phone = remembered.phone();

        try (ServerTime time = new ServerTime(admin, twilio)) {
            time.aheadBy(Duration.ofDays(DAYS - 1));
            assertThat(nextSignIn(browser, user).loggedIn()).as("a day before the end").isTrue();
            time.aheadBy(Duration.ofDays(DAYS).plusMinutes(1));
            assertCodeAsked(nextSignIn(browser, user), phone);
        }
    }

    @Test
    void removingThePhoneCredentialTheCodeWentToEndsTheCookie() throws Exception {
        String main = TestUsers.newUsNumber();
        String backup = TestUsers.newUsNumber();
        String user = newUserWithPhones(TWO_FACTOR, main, backup);
        remember(browser, user, main);

        String id = userId(TWO_FACTOR, user);
        String mainCredential = admin.phoneCredentials(TWO_FACTOR, id).get(0).path("id").asText();
        admin.send("DELETE", "/admin/realms/" + TWO_FACTOR + "/users/" + id + "/credentials/" + mainCredential, null);

        assertCodeAsked(nextSignIn(browser, user), backup);
    }

    @Test
    void aPasswordChangeEndsTheCookie() throws Exception {
        Remembered remembered = rememberedUser();
        String user = remembered.user();
        String phone = remembered.phone();

        // The same password again: what changes is the credential's date, as with any reset or change.
        admin.send("PUT", "/admin/realms/" + TWO_FACTOR + "/users/" + userId(TWO_FACTOR, user) + "/reset-password",
                "{\"type\":\"password\",\"value\":\"" + TestUsers.PASSWORD + "\",\"temporary\":false}");

        assertCodeAsked(nextSignIn(browser, user), phone);
    }

    @Test
    void anAdminsSignOutOfAllSessionsEndsTheCookie() throws Exception {
        Remembered remembered = rememberedUser();
        String user = remembered.user();
        String phone = remembered.phone();

        admin.send("POST", "/admin/realms/" + TWO_FACTOR + "/users/" + userId(TWO_FACTOR, user) + "/logout", null);

        assertCodeAsked(nextSignIn(browser, user), phone);
    }

    @Test
    void forgettingDevicesAsksForConfirmationThenEndsEveryCookieOfTheUser() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(TWO_FACTOR, phone);
        LoginBrowser laptop = env.newBrowser();
        remember(laptop, user, phone);
        remember(browser, user, phone);
        String laptopCookie = laptop.cookie(COOKIE);

        // The application links to kc_action in the signed-in browser: Keycloak shows the action's page at once.
        Page confirm = browser.openLogin(TWO_FACTOR, RealmJson.CLIENT_ID, "&kc_action=" + RememberDeviceRealms.FORGET_DEVICES);
        assertThat(confirm.hasForm("kc-twilio-otp-forget-devices-form")).as(confirm.body()).isTrue();
        Page back = browser.submit(confirm, "kc-twilio-otp-forget-devices-form", Map.of("forgetDevices", "true"));

        assertThat(back.redirectedTo()).as(back.toString()).contains("kc_action_status=success");
        assertThat(browser.cookie(COOKIE)).as("this browser's cookie is dropped").isNull();
        JsonNode action = event(user, "CUSTOM_REQUIRED_ACTION");
        assertThat(action.path("details").path("custom_required_action").asText()).isEqualTo(RememberDeviceRealms.FORGET_DEVICES);
        assertThat(action.path("details").path("twilio_remembered_device").asText()).isEqualTo("forgotten");
        assertThat(laptop.cookie(COOKIE)).isEqualTo(laptopCookie);
        assertCodeAsked(nextSignIn(laptop, user), phone);
    }

    @Test
    void cancellingTheForgetActionKeepsTheDevicesRemembered() throws Exception {
        Remembered remembered = rememberedUser();
        String user = remembered.user();
        String phone = remembered.phone();

        Page confirm = browser.openLogin(TWO_FACTOR, RealmJson.CLIENT_ID, "&kc_action=" + RememberDeviceRealms.FORGET_DEVICES);
        Page back = browser.submit(confirm, "kc-twilio-otp-forget-devices-form", Map.of("cancel-aia", "true"));

        assertThat(back.redirectedTo()).as(back.toString()).contains("kc_action_status=cancelled");
        assertThat(nextSignIn(browser, user).loggedIn()).isTrue();
    }

    @Test
    void aStepUpAlwaysAsksForTheCodeWithoutOfferingTheBox() throws Exception {
        Remembered remembered = rememberedUser();
        String user = remembered.user();
        String phone = remembered.phone();
        browser.forgetCookiesExcept(COOKIE);

        // The same step and settings, in the level-2 sub-flow of the step-up client's flow.
        Page silver = browser.signIn(browser.openLogin(TWO_FACTOR, RememberDeviceRealms.STEP_UP_CLIENT), user, TestUsers.PASSWORD);
        assertThat(silver.loggedIn()).as(silver.body()).isTrue();
        int before = twilio.requests().size();
        Page gold = browser.openLogin(TWO_FACTOR, RememberDeviceRealms.STEP_UP_CLIENT, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);

        assertThat(gold.hasForm(CODE_FORM)).as(gold.body()).isTrue();
        assertThat(gold.document().getElementById(BOX)).as("no box in a step-up").isNull();
        assertThat(twilio.requests()).hasSize(before + 1);
        Page done = browser.submit(gold, CODE_FORM, Map.of("code", codeFor(phone), BOX, "on"));
        assertThat(OidcTokens.idTokenClaims(env.keycloak().baseUrl(), TWO_FACTOR, RememberDeviceRealms.STEP_UP_CLIENT, done.redirectedTo())
                .path("acr").asText()).isEqualTo(StepUpRealm.LEVEL_2_ACR);
    }

    @Test
    void aPasswordResetAlwaysAsksForTheCodeWithoutOfferingTheBox() throws Exception {
        Remembered remembered = rememberedUser();
        String user = remembered.user();
        String phone = remembered.phone();
        browser.forgetCookiesExcept(COOKIE);
        int before = twilio.requests().size();

        Page reset = browser.forgotPassword(TWO_FACTOR, user);

        assertThat(reset.hasForm(CODE_FORM)).as(reset.body()).isTrue();
        assertThat(reset.document().getElementById(BOX)).as("no box in a reset").isNull();
        assertThat(twilio.requests()).hasSize(before + 1);
    }

    @Test
    void forgedAndCopiedCookiesCountForNothing() throws Exception {
        Remembered remembered = rememberedUser();
        String user = remembered.user();
        String phone = remembered.phone();
        String genuine = browser.cookie(COOKIE);
        String[] parts = genuine.split("\\.");

        Map<String, String> forgeries = new LinkedHashMap<>();
        parts[5] = Long.toString(Long.parseLong(parts[5]) + Duration.ofDays(300).toSeconds());
        forgeries.put("expiry pushed back", String.join(".", parts));
        parts = genuine.split("\\.");
        parts[6] = (parts[6].charAt(0) == 'A' ? "B" : "A") + parts[6].substring(1);
        forgeries.put("signature edited", String.join(".", parts));
        forgeries.put("not a cookie of ours", "garbage");

        for (Map.Entry<String, String> forged : forgeries.entrySet()) {
            LoginBrowser other = env.newBrowser();
            other.plantCookie(COOKIE, forged.getValue(), "/realms/" + TWO_FACTOR + "/");
            assertCodeAsked(signIn(other, user), phone);
        }

        // Copied into another user's browser, in this realm and in another one.
        String otherPhone = TestUsers.newUsNumber();
        String otherUser = newUserWithPhones(TWO_FACTOR, otherPhone);
        LoginBrowser other = env.newBrowser();
        other.plantCookie(COOKIE, genuine, "/realms/" + TWO_FACTOR + "/");
        assertCodeAsked(signIn(other, otherUser), otherPhone);

        String phoneThere = TestUsers.newUsNumber();
        newUserWithPhones(RememberDeviceRealms.PHONE_THEN_PASSWORD, phoneThere);
        LoginBrowser elsewhere = env.newBrowser();
        elsewhere.plantCookie(COOKIE, genuine, "/realms/" + RememberDeviceRealms.PHONE_THEN_PASSWORD + "/");
        createsBefore = twilio.count(RequestKind.CREATE_VERIFICATION);
        assertCodeAsked(elsewhere.enterPhone(elsewhere.openLogin(RememberDeviceRealms.PHONE_THEN_PASSWORD, RealmJson.CLIENT_ID),
                phoneThere), phoneThere);
    }

    @Test
    void phoneSignInBeforeAPasswordRemembersTheDeviceAndStillAsksForThePassword() throws Exception {
        String realm = RememberDeviceRealms.PHONE_THEN_PASSWORD;
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(realm, phone);

        Page codeForm = browser.enterPhone(browser.openLogin(realm, RealmJson.CLIENT_ID), phone);
        assertThat(codeForm.document().getElementById(BOX)).as(codeForm.body()).isNotNull();
        Page passwordForm = browser.submit(codeForm, CODE_FORM, Map.of("code", codeFor(phone), BOX, "on"));
        assertThat(browser.signIn(passwordForm, user, TestUsers.PASSWORD).loggedIn()).isTrue();
        assertThat(browser.cookie(COOKIE)).isNotNull();

        browser.forgetCookiesExcept(COOKIE);
        int before = twilio.requests().size();
        Page next = browser.enterPhone(browser.openLogin(realm, RealmJson.CLIENT_ID), phone);

        assertThat(next.hasForm("kc-form-login")).as("straight to the password: %s", next.body()).isTrue();
        assertThat(twilio.requests()).hasSize(before);
        assertThat(browser.signIn(next, user, TestUsers.PASSWORD).loggedIn()).isTrue();
    }

    @Test
    void phoneSignInAloneNeverOffersTheBoxNorSetsACookieEvenWhenOneIsPosted() throws Exception {
        String realm = RememberDeviceRealms.PHONE_ONLY;
        String phone = TestUsers.newUsNumber();
        newUserWithPhones(realm, phone);

        Page codeForm = browser.enterPhone(browser.openLogin(realm, RealmJson.CLIENT_ID), phone);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(codeForm.document().getElementById(BOX)).as("no box where the code is the whole sign-in").isNull();
        Page done = browser.submit(codeForm, CODE_FORM, Map.of("code", codeFor(phone), BOX, "on"));

        assertThat(done.loggedIn()).isTrue();
        assertThat(browser.cookie(COOKIE)).isNull();
    }

    @Test
    void behindKeycloaksConditionalSubFlowThePasswordOfTheParentFlowCountsAndTheDeviceIsRemembered() throws Exception {
        String realm = RememberDeviceRealms.CONDITIONAL;
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(realm, phone);
        Page codeForm = browser.signIn(realm, user);
        assertThat(browser.submit(codeForm, CODE_FORM, Map.of("code", codeFor(phone), BOX, "on")).loggedIn()).isTrue();

        browser.forgetCookiesExcept(COOKIE);
        int before = twilio.requests().size();
        Page again = browser.signIn(realm, user);

        assertThat(again.loggedIn()).as(again.body()).isTrue();
        assertThat(twilio.requests()).hasSize(before);
    }

    @Test
    void aUsernameFormThenTheCodeNeverOffersTheBoxNorSetsACookieEvenWhenOneIsPosted() throws Exception {
        String realm = RememberDeviceRealms.USERNAME_ONLY;
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(realm, phone);

        Page codeForm = browser.submit(browser.openLogin(realm, RealmJson.CLIENT_ID), "kc-form-login", Map.of("username", user));
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(codeForm.document().getElementById(BOX)).as("no box where the code is the only factor").isNull();
        Page done = browser.submit(codeForm, CODE_FORM, Map.of("code", codeFor(phone), BOX, "on"));

        assertThat(done.loggedIn()).isTrue();
        assertThat(browser.cookie(COOKIE)).isNull();
    }

    /** A user with one phone number, signed in with the box ticked in {@link #browser}. */
    private record Remembered(String user, String phone) {
    }

    private Remembered rememberedUser() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(TWO_FACTOR, phone);
        remember(browser, user, phone);
        return new Remembered(user, phone);
    }

    /** Signs the user in with the box ticked; the browser then holds the cookie. */
    private void remember(LoginBrowser in, String user, String phone) throws Exception {
        Page codeForm = in.signIn(TWO_FACTOR, user);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        Page done = in.submit(codeForm, CODE_FORM, Map.of("code", codeFor(phone), BOX, "on"));
        assertThat(done.loggedIn()).as(done.body()).isTrue();
        assertThat(in.cookie(COOKIE)).as("remembered").isNotNull();
    }

    /** The same browser after its session ended (only the device cookie left): username and password again. */
    private Page nextSignIn(LoginBrowser in, String user) throws Exception {
        in.forgetCookiesExcept(COOKIE);
        return signIn(in, user);
    }

    /** Username and password in the two-factor realm, counting Twilio's creates from here. */
    private Page signIn(LoginBrowser in, String user) throws Exception {
        createsBefore = twilio.count(RequestKind.CREATE_VERIFICATION);
        return in.signIn(TWO_FACTOR, user);
    }

    /** The page is the code form, and the sign-in just made sent one code, to this number. */
    private void assertCodeAsked(Page page, String phone) {
        assertThat(page.loggedIn()).as("signed in without a code").isFalse();
        assertThat(page.hasForm(CODE_FORM)).as(page.body()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("codes sent by this sign-in").isEqualTo(createsBefore + 1);
        RecordedRequest last = twilio.requests().get(twilio.requests().size() - 1);
        assertThat(last.kind()).isEqualTo(RequestKind.CREATE_VERIFICATION);
        assertThat(last.param("To")).isEqualTo(phone);
    }

    /** Sets the days of the two-factor step (and the reset and step-up, which share its settings) for this test. */
    private void setDays(String days) {
        String configId = admin.execution(TWO_FACTOR, RealmJson.FLOW_ALIAS + " forms", "twilio-otp").path("authenticationConfig").asText();
        Map<String, String> changed = new LinkedHashMap<>(RememberDeviceRealms.STEP);
        changed.put("rememberDeviceDays", days);
        admin.updateAuthenticatorConfig(TWO_FACTOR, configId, changed);
        afterThisTest(() -> admin.updateAuthenticatorConfig(TWO_FACTOR, configId, RememberDeviceRealms.STEP));
    }

    private JsonNode lastLogin(String user) {
        return event(user, "LOGIN");
    }

    private JsonNode event(String user, String type) {
        for (JsonNode event : admin.events(TWO_FACTOR, userId(TWO_FACTOR, user))) {
            if (type.equals(event.path("type").asText())) {
                return event;
            }
        }
        throw new AssertionError("No " + type + " event for " + user);
    }
}
