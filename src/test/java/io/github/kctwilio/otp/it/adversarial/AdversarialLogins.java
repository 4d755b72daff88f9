package io.github.kctwilio.otp.it.adversarial;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh users and logins for the adversarial suite, in a realm of its own.
 *
 * <p>The realm is {@link TestEnvironment#REALM}'s twin (default region US, phone setup allowed, no resend cooldown,
 * the same brute-force detection: 5 failures, quick-login check 1 s) created at run time through the admin API,
 * with one difference: no per-IP send cap. The suite needs some forty sends from 127.0.0.1, and the default cap
 * (30 per IP per hour per realm) would otherwise refuse them, and in {@code REALM} would use up the budget of
 * every other test class of the run. The other caps are set to today's defaults explicitly (5 per number, 10 per
 * user per hour, 5 per login): the resend test stays below them.
 */
public final class AdversarialLogins {

    public static final String REALM = "otp-adversarial";

    /** A user in the middle of a login: the browser, and the page the step showed last. */
    public record Login(LoginBrowser browser, String username, String userId, String phone, Page page) {

        public Login at(Page next) {
            return new Login(browser, username, userId, phone, next);
        }

        public String action(String formId) {
            return page.document().getElementById(formId).absUrl("action");
        }
    }

    private final TestEnvironment env;
    private final AdminApi admin;
    private final VerifyEmulator twilio;

    public AdversarialLogins(TestEnvironment env) {
        this.env = env;
        this.admin = env.admin();
        this.twilio = env.emulator();
        ensureRealm();
    }

    private void ensureRealm() {
        // Caps spelled out, so that a change of the defaults does not change what this suite meets.
        Map<String, String> settings = Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "sendLimitPerIp", "0",
                "sendLimitPerNumber", "5/1h", "sendLimitPerUser", "10/1h", "maxSendsPerLogin", "5");
        if (admin.createRealmIfAbsent(RealmJson.twilioRealm(REALM, settings))) {
            admin.declarePhoneAttributes(REALM, "phoneNumber", "phoneNumberVerified");
            // Users without a number verify one in the required action, under the same settings.
            admin.enableVerifyPhoneAction(REALM, settings);
        }
    }

    /** A new user with a fresh number, signed in up to the code form (one send). */
    public Login withPhone() throws Exception {
        String phone = TestUsers.newUsNumber();
        Login login = signIn(phone);
        assertThat(login.page().hasForm(CODE_FORM)).as("code form:%n%s", login.page().body()).isTrue();
        return login;
    }

    /** A new user without a number, signed in up to the phone form (no send). */
    public Login withoutPhone() throws Exception {
        Login login = signIn(null);
        assertThat(login.page().hasForm(PHONE_FORM)).as("phone form:%n%s", login.page().body()).isTrue();
        return login;
    }

    private Login signIn(String phone) throws Exception {
        String username = "adv" + UUID.randomUUID().toString().substring(0, 8);
        String userId = TestUsers.create(admin, REALM, username, phone);
        LoginBrowser browser = env.newBrowser();
        Page page = browser.signIn(REALM, username);
        return new Login(browser, username, userId, phone, page);
    }

    /** The code Twilio last sent to this number. */
    public String codeFor(String phone) {
        return twilio.lastCodeSentTo(phone).orElseThrow(() -> new AssertionError("Twilio sent no code to " + phone));
    }

    /** Enters the right code on the login's current code form and asserts that it logs in. */
    public void completes(Login login, String phone) throws Exception {
        Page done = login.browser().post(login.action(CODE_FORM), Map.of("code", codeFor(phone)));
        assertThat(done.loggedIn()).as("a valid completion logs in: %s%n%s", done, done.body()).isTrue();
    }

    /**
     * The session is still usable: reloading the step (Keycloak's reload URL of the last good page) shows the
     * same form again, without a Twilio call.
     */
    public Login reloads(Login login, String formId) throws Exception {
        int before = twilio.requests().size();
        Page again = login.browser().get(login.page().reloadUrl());
        assertThat(again.status()).as("reload after a bad request: %s", again).isLessThan(500);
        assertThat(again.hasForm(formId)).as("form %s still there after reload:%n%s", formId, again.body()).isTrue();
        assertThat(twilio.requests()).as("a reload calls no Twilio API").hasSize(before);
        return login.at(again);
    }

    public int failures(Login login) {
        return admin.bruteForceStatus(REALM, login.userId()).path("numFailures").asInt();
    }

    public String attribute(Login login, String name) {
        return admin.attribute(REALM, login.userId(), name);
    }
}
