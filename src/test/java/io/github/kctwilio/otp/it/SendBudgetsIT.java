package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.PrometheusText;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whose budget a send uses, in a real Keycloak: a stranger's password resets and another account's enrolment never
 * use up the owner's own sign-in; one sign-in cannot fan out to more numbers than its cap; a realm-wide ceiling stops
 * pumping through open enrolment; a send that timed out counts; the reset decoy is refused after the same count.
 */
@ExtendWith(TestEnvironment.class)
class SendBudgetsIT {

    private static final String CODE_FORM = "kc-twilio-otp-code-form";
    private static final String PHONE_FORM = "kc-twilio-otp-phone-form";
    private static final String SEND_LIMIT = "Too many codes were requested. Try again in";
    /** Enrolment under a realm-wide ceiling of 2 sends an hour; no per-address cap, no cooldown. */
    private static final String CEILING_REALM = "otp-ceiling";

    private final TestEnvironment env = TestEnvironment.get();
    private final VerifyEmulator twilio = env.emulator();
    private final AdminApi admin = env.admin();

    @BeforeEach
    void realmsAndTwilio() {
        new RuleRealms(admin);
        ensureCeilingRealm();
        twilio.reset();
    }

    @Test
    void sixForgotPasswordRequestsByAStrangerLeaveTheOwnersOwnSignInItsCode() throws Exception {
        String phone = TestUsers.newUsNumber();
        String owner = TestUsers.newUser(admin, RuleRealms.TRUSTING, phone);
        for (int i = 0; i < 6; i++) {
            LoginBrowser stranger = env.newBrowser();
            stranger.forgotPassword(RuleRealms.TRUSTING, RealmJson.CLIENT_ID, owner);
        }
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("our cap stopped the sixth").isEqualTo(5);

        LoginBrowser browser = env.newBrowser();
        Page codeForm = browser.signIn(browser.openLogin(RuleRealms.TRUSTING, RealmJson.CLIENT_ID), owner, TestUsers.PASSWORD);

        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.text()).isTrue();
        assertThat(codeForm.text()).doesNotContain(SEND_LIMIT).doesNotContain("Too many codes were sent to this number");
        // Twilio's 5 sends of the strangers' verification are used up (60203): the owner's sign-in cancels it and
        // starts its own.
        assertThat(twilio.count(RequestKind.UPDATE)).as("one cancel").isEqualTo(1);
        Page done = browser.submit(codeForm, CODE_FORM, Map.of("code", twilio.lastCodeSentTo(phone).orElseThrow()));
        assertThat(done.loggedIn()).isTrue();
    }

    @Test
    void anotherAccountEnrollingTheOwnersNumberLeavesTheOwnersSignInItsCode() throws Exception {
        String phone = TestUsers.newUsNumber();
        String owner = TestUsers.newUser(admin, TestEnvironment.REALM_LIMITS, phone); // 2 sends per number an hour
        for (int i = 0; i < 2; i++) {
            Page enrolled = enterNumber(TestEnvironment.REALM_LIMITS, TestUsers.newUser(admin, TestEnvironment.REALM_LIMITS, null), phone);
            assertThat(enrolled.hasForm(CODE_FORM)).as(enrolled.text()).isTrue();
        }

        Page codeForm = signIn(TestEnvironment.REALM_LIMITS, owner);

        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.text()).isTrue();
        assertThat(codeForm.text()).doesNotContain(SEND_LIMIT);
    }

    @Test
    void useAnotherNumberDoesNotResetTheCapOfTheSignIn() throws Exception {
        String user = TestUsers.newUser(admin, TestEnvironment.REALM_LIMITS, null); // 2 sends per sign-in, 3 per user
        LoginBrowser browser = env.newBrowser();
        Page page = browser.signIn(browser.openLogin(TestEnvironment.REALM_LIMITS, RealmJson.CLIENT_ID), user, TestUsers.PASSWORD);
        for (int i = 0; i < 2; i++) {
            page = browser.submit(page, PHONE_FORM, Map.of("phoneNumber", TestUsers.newUsNumber()));
            assertThat(page.hasForm(CODE_FORM)).as(page.text()).isTrue();
            page = browser.submit(page, CODE_FORM, Map.of("otherNumber", "true"));
        }

        Page third = browser.submit(page, PHONE_FORM, Map.of("phoneNumber", TestUsers.newUsNumber()));

        assertThat(third.text()).contains("too many codes in this sign-in");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
    }

    @Test
    void goingBackToTheLoginDoesNotResetTheCapOfTheSignIn() throws Exception {
        String user = TestUsers.newUser(admin, TestEnvironment.REALM_LIMITS, null);
        LoginBrowser browser = env.newBrowser();
        Page page = browser.signIn(browser.openLogin(TestEnvironment.REALM_LIMITS, RealmJson.CLIENT_ID), user, TestUsers.PASSWORD);
        page = browser.submit(page, PHONE_FORM, Map.of("phoneNumber", TestUsers.newUsNumber()));
        page = browser.submit(page, CODE_FORM, Map.of("resend", "true"));
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);

        Page login = browser.get(page.document().select("#kc-twilio-otp-back a").attr("abs:href"));
        Page phoneForm = browser.signIn(login, user, TestUsers.PASSWORD);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.text()).isTrue();
        Page refused = browser.submit(phoneForm, PHONE_FORM, Map.of("phoneNumber", TestUsers.newUsNumber()));

        assertThat(refused.text()).contains("too many codes in this sign-in");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
    }

    @Test
    void theRealmCeilingStopsEnrolmentSaysTryAgainLaterWarnsOnceAndSparesOwnersSignIns() throws Exception {
        String owner = TestUsers.newUser(admin, CEILING_REALM, TestUsers.newUsNumber());
        PrometheusText before = scrape();
        int warningsBefore = ceilingWarnings();
        for (int i = 0; i < 2; i++) {
            Page enrolled = enterNumber(CEILING_REALM, TestUsers.newUser(admin, CEILING_REALM, null), TestUsers.newUsNumber());
            assertThat(enrolled.hasForm(CODE_FORM)).as(enrolled.text()).isTrue();
        }

        for (int i = 0; i < 2; i++) {
            Page refused = enterNumber(CEILING_REALM, TestUsers.newUser(admin, CEILING_REALM, null), TestUsers.newUsNumber());
            assertThat(refused.hasForm(PHONE_FORM)).isTrue();
            assertThat(refused.text()).contains("Please try again later");
        }
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
        assertThat(ceilingWarnings() - warningsBefore).as("one WARN line, not one per request").isEqualTo(1);
        assertThat(scrape().value("twilio_otp_limit_hits_total", Map.of("limit", "realm"))
                - before.value("twilio_otp_limit_hits_total", Map.of("limit", "realm"))).isEqualTo(2);

        Page ownerSignIn = signIn(CEILING_REALM, owner);
        assertThat(ownerSignIn.hasForm(CODE_FORM)).as("an owner's sign-in is not counted by the ceiling").isTrue();
    }

    @Test
    void aSendThatTimedOutCountsAgainstTheCaps() throws Exception {
        String phone = TestUsers.newUsNumber(); // 2 sends per number an hour in this realm
        for (int i = 0; i < 2; i++) {
            twilio.hangNext();
            Page failed = signIn(TestEnvironment.REALM_LIMITS, TestUsers.newUser(admin, TestEnvironment.REALM_LIMITS, phone));
            assertThat(failed.text()).contains("could not reach the verification service");
        }

        Page third = signIn(TestEnvironment.REALM_LIMITS, TestUsers.newUser(admin, TestEnvironment.REALM_LIMITS, phone));

        assertThat(third.text()).contains(SEND_LIMIT);
    }

    @Test
    void theResetDecoyIsRefusedAfterTheSameCountAsARealReset() throws Exception {
        String real = TestUsers.newUser(admin, RuleRealms.TRUSTING, TestUsers.newUsNumber());
        String unknown = "nobody-" + UUID.randomUUID();

        Page[] realPages = resets(real);
        Page[] decoyPages = resets(unknown);

        for (int i = 0; i < 5; i++) {
            assertThat(withoutNumbers(decoyPages[i])).as("reset %d", i + 1).isEqualTo(withoutNumbers(realPages[i]));
            assertThat(decoyPages[i].text()).doesNotContain(SEND_LIMIT);
        }
        assertThat(realPages[5].text()).contains(SEND_LIMIT);
        assertThat(withoutNumbers(decoyPages[5])).isEqualTo(withoutNumbers(realPages[5]));
    }

    /** Six "forgot password" requests for this name, each from a new browser (the realm allows 5 per number an hour). */
    private Page[] resets(String username) throws Exception {
        Page[] pages = new Page[6];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = env.newBrowser().forgotPassword(RuleRealms.TRUSTING, RealmJson.CLIENT_ID, username);
        }
        return pages;
    }

    /** What a person sees, with the minutes of a wait left out (they may tick over between two requests). */
    private static String withoutNumbers(Page page) {
        return page.status() + "|" + page.text().replaceAll("[0-9]+", "N") + "|"
                + page.document().select("form[id]").eachAttr("id") + page.document().select("button[name]").eachAttr("name");
    }

    private Page signIn(String realm, String username) throws Exception {
        LoginBrowser browser = env.newBrowser();
        return browser.signIn(browser.openLogin(realm, RealmJson.CLIENT_ID), username, TestUsers.PASSWORD);
    }

    /** A sign-in of an account without a number, which types this number on the phone form. */
    private Page enterNumber(String realm, String username, String phone) throws Exception {
        LoginBrowser browser = env.newBrowser();
        Page phoneForm = browser.signIn(browser.openLogin(realm, RealmJson.CLIENT_ID), username, TestUsers.PASSWORD);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.text()).isTrue();
        return browser.submit(phoneForm, PHONE_FORM, Map.of("phoneNumber", phone));
    }

    private int ceilingWarnings() {
        Matcher m = Pattern.compile("WARN.*realm " + CEILING_REALM + " reached its realm-wide send limit").matcher(env.keycloak().log());
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    private PrometheusText scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(env.keycloak().managementUrl() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new PrometheusText(response.body());
    }

    private void ensureCeilingRealm() {
        if (admin.sendAllowingErrors("GET", "/admin/realms/" + CEILING_REALM, null).statusCode() != 404) {
            return;
        }
        Map<String, String> step = Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "sendLimitPerIp", "0");
        admin.send("POST", "/admin/realms", RealmJson.twilioRealm(CEILING_REALM, step).toString());
        admin.declarePhoneAttributes(CEILING_REALM, "phoneNumber", "phoneNumberVerified");
        Map<String, String> action = new HashMap<>(step);
        action.put("realmSendLimit", "2/1h");
        admin.enableVerifyPhoneAction(CEILING_REALM, action);
    }
}
