package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.PrometheusText;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whose budget a send uses, in a real Keycloak: a stranger's password resets and another account's enrolment never
 * use up the owner's own sign-in; one sign-in cannot fan out to more numbers than its cap; a realm-wide ceiling stops
 * pumping through open enrolment; a send that timed out counts; the reset decoy is refused after the same count.
 */
class SendBudgetsIT extends KeycloakITBase {

    private static final String SEND_LIMIT = "Too many codes were requested. Try again in";
    /** Enrolment under a realm-wide ceiling of 2 sends an hour; no per-address cap, no cooldown. */
    private static final String CEILING_REALM = "otp-ceiling";

    @BeforeEach
    void realms() {
        new RuleRealms(admin);
        ensureCeilingRealm();
    }

    @Test
    void sixForgotPasswordRequestsByAStrangerLeaveTheOwnersOwnSignInItsCode() throws Exception {
        String phone = TestUsers.newUsNumber();
        String owner = newUser(RuleRealms.TRUSTING, phone);
        for (int i = 0; i < 6; i++) {
            LoginBrowser stranger = env.newBrowser();
            stranger.forgotPassword(RuleRealms.TRUSTING, owner);
        }
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("our cap stopped the sixth").isEqualTo(5);

        Page codeForm = browser.signIn(RuleRealms.TRUSTING, owner);

        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.text()).isTrue();
        assertThat(codeForm.text()).doesNotContain(SEND_LIMIT).doesNotContain("Too many codes were sent to this number");
        // Twilio's 5 sends of the strangers' verification are used up (60203): the owner's sign-in cancels it and
        // starts its own.
        assertThat(twilio.count(RequestKind.UPDATE)).as("one cancel").isEqualTo(1);
        Page done = browser.enterCode(codeForm, codeFor(phone));
        assertThat(done.loggedIn()).isTrue();
    }

    @Test
    void anotherAccountEnrollingTheOwnersNumberLeavesTheOwnersSignInItsCode() throws Exception {
        String phone = TestUsers.newUsNumber();
        String owner = newUser(TestEnvironment.REALM_LIMITS, phone); // 2 sends per number an hour
        for (int i = 0; i < 2; i++) {
            Page enrolled = enterNumber(TestEnvironment.REALM_LIMITS, newUser(TestEnvironment.REALM_LIMITS, null), phone);
            assertThat(enrolled.hasForm(CODE_FORM)).as(enrolled.text()).isTrue();
        }

        Page codeForm = env.newBrowser().signIn(TestEnvironment.REALM_LIMITS, owner);

        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.text()).isTrue();
        assertThat(codeForm.text()).doesNotContain(SEND_LIMIT);
    }

    @Test
    void useAnotherNumberDoesNotResetTheCapOfTheSignIn() throws Exception {
        String user = newUser(TestEnvironment.REALM_LIMITS, null); // 2 sends per sign-in, 3 per user
        Page page = browser.signIn(TestEnvironment.REALM_LIMITS, user);
        for (int i = 0; i < 2; i++) {
            page = browser.enterPhone(page, TestUsers.newUsNumber());
            assertThat(page.hasForm(CODE_FORM)).as(page.text()).isTrue();
            page = browser.submit(page, CODE_FORM, Map.of("otherNumber", "true"));
        }

        Page third = browser.enterPhone(page, TestUsers.newUsNumber());

        assertThat(third.text()).contains("too many codes in this sign-in");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
    }

    @Test
    void goingBackToTheLoginDoesNotResetTheCapOfTheSignIn() throws Exception {
        String user = newUser(TestEnvironment.REALM_LIMITS, null);
        Page page = browser.signIn(TestEnvironment.REALM_LIMITS, user);
        page = browser.enterPhone(page, TestUsers.newUsNumber());
        page = browser.submit(page, CODE_FORM, Map.of("resend", "true"));
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);

        Page login = browser.get(page.document().select("#kc-twilio-otp-back a").attr("abs:href"));
        Page phoneForm = browser.signIn(login, user, TestUsers.PASSWORD);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.text()).isTrue();
        Page refused = browser.enterPhone(phoneForm, TestUsers.newUsNumber());

        assertThat(refused.text()).contains("too many codes in this sign-in");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
    }

    @Test
    void theRealmCeilingStopsEnrolmentSaysTryAgainLaterWarnsOnceAndSparesOwnersSignIns() throws Exception {
        String owner = newUser(CEILING_REALM, TestUsers.newUsNumber());
        PrometheusText before = metrics();
        int warningsBefore = ceilingWarnings();
        for (int i = 0; i < 2; i++) {
            Page enrolled = enterNumber(CEILING_REALM, newUser(CEILING_REALM, null), TestUsers.newUsNumber());
            assertThat(enrolled.hasForm(CODE_FORM)).as(enrolled.text()).isTrue();
        }

        for (int i = 0; i < 2; i++) {
            Page refused = enterNumber(CEILING_REALM, newUser(CEILING_REALM, null), TestUsers.newUsNumber());
            assertThat(refused.hasForm(PHONE_FORM)).isTrue();
            assertThat(refused.text()).contains("Please try again later");
        }
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
        assertThat(ceilingWarnings() - warningsBefore).as("one WARN line, not one per request").isEqualTo(1);
        assertThat(metrics().value("twilio_otp_limit_hits_total", Map.of("limit", "realm"))
                - before.value("twilio_otp_limit_hits_total", Map.of("limit", "realm"))).isEqualTo(2);

        Page ownerSignIn = env.newBrowser().signIn(CEILING_REALM, owner);
        assertThat(ownerSignIn.hasForm(CODE_FORM)).as("an owner's sign-in is not counted by the ceiling").isTrue();
    }

    @Test
    void aSendThatTimedOutCountsAgainstTheCaps() throws Exception {
        String phone = TestUsers.newUsNumber(); // 2 sends per number an hour in this realm
        for (int i = 0; i < 2; i++) {
            twilio.hangNext();
            Page failed = env.newBrowser().signIn(TestEnvironment.REALM_LIMITS, newUser(TestEnvironment.REALM_LIMITS, phone));
            assertThat(failed.text()).contains("could not reach the verification service");
        }

        Page third = env.newBrowser().signIn(TestEnvironment.REALM_LIMITS, newUser(TestEnvironment.REALM_LIMITS, phone));

        assertThat(third.text()).contains(SEND_LIMIT);
    }

    @Test
    void theResetDecoyIsRefusedAfterTheSameCountAsARealReset() throws Exception {
        String real = newUser(RuleRealms.TRUSTING, TestUsers.newUsNumber());
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
            pages[i] = env.newBrowser().forgotPassword(RuleRealms.TRUSTING, username);
        }
        return pages;
    }

    /** What a person sees ({@link Page#asSeen()}), with the minutes of a wait left out (they may tick over between two requests). */
    private static String withoutNumbers(Page page) {
        return page.status() + "|" + page.asSeen().replaceAll("[0-9]+", "N");
    }

    /** A sign-in of an account without a number, which types this number on the phone form. */
    private Page enterNumber(String realm, String username, String phone) throws Exception {
        LoginBrowser fresh = env.newBrowser();
        Page phoneForm = fresh.signIn(realm, username);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.text()).isTrue();
        return fresh.enterPhone(phoneForm, phone);
    }

    private int ceilingWarnings() {
        Matcher m = Pattern.compile("WARN.*realm " + CEILING_REALM + " reached its realm-wide send limit").matcher(env.keycloak().log());
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    private void ensureCeilingRealm() {
        Map<String, String> step = Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "sendLimitPerIp", "0");
        if (!admin.createRealmIfAbsent(RealmJson.twilioRealm(CEILING_REALM, step))) {
            return;
        }
        admin.declarePhoneAttributes(CEILING_REALM, "phoneNumber", "phoneNumberVerified");
        Map<String, String> action = new HashMap<>(step);
        action.put("realmSendLimit", "2/1h");
        admin.enableVerifyPhoneAction(CEILING_REALM, action);
    }
}
