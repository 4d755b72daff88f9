package io.github.kctwilio.otp.it;

import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.PrometheusText;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every test against the run's one real Keycloak ({@link TestEnvironment}) starts from: the Verify emulator
 * ({@link #twilio}) with no requests, faults, delays or moved clock, Keycloak's link to it open, a new HTTP browser
 * without cookies ({@link #browser}), and the admin API ({@link #admin}); Chromium in {@link ChromiumITBase}.
 * Whatever a test registered with {@link #afterThisTest} is put back after it, passed or failed. Realms a class
 * creates are created once per run, as the server outlives the class ({@link AdminApi#createRealmIfAbsent},
 * {@link RuleRealms}).
 */
@ExtendWith(TestEnvironment.class)
abstract class KeycloakITBase {

    /** Something a test changed on the shared server and puts back. */
    @FunctionalInterface
    interface Undo {
        void run() throws Exception;
    }

    protected final TestEnvironment env = TestEnvironment.get();
    protected final VerifyEmulator twilio = env.emulator();
    protected final AdminApi admin = env.admin();
    /** A new browser for each test; {@code env.newBrowser()} for a second one, or another person. */
    protected LoginBrowser browser;

    private final Deque<Undo> undos = new ArrayDeque<>();

    @BeforeEach
    final void freshTwilioAndBrowser() throws Exception {
        twilio.reset();
        env.twilioLink().accept();
        browser = env.newBrowser();
    }

    @AfterEach
    final void putBackWhatTheTestChanged() throws Exception {
        while (!undos.isEmpty()) {
            undos.pop().run();
        }
    }

    /** Runs after this test, passed or failed (last registered first), to put back what it changed on the shared server. */
    protected void afterThisTest(Undo undo) {
        undos.push(undo);
    }

    /**
     * Creates this realm once per run: the Twilio step after the password, these settings on the step and on the
     * required action "Verify phone number", the phone attributes declared.
     */
    protected void ensureTwilioRealm(String realm, Map<String, String> settings) {
        if (admin.createRealmIfAbsent(RealmJson.twilioRealm(realm, settings))) {
            admin.declarePhoneAttributes(realm, "phoneNumber", "phoneNumberVerified");
            admin.enableVerifyPhoneAction(realm, settings);
        }
    }

    /** A user with a fresh name, an email address and this number as its phone attribute (null for none). */
    protected String newUser(String realm, String phone) {
        return TestUsers.newUser(admin, realm, phone);
    }

    /** A user with a fresh name, an email address and phone credentials for these numbers (main first). */
    protected String newUserWithPhones(String realm, String... phones) {
        return TestUsers.newUserWithPhones(admin, realm, phones);
    }

    /** The code Twilio last sent to this number (or address). */
    protected String codeFor(String to) {
        return twilio.lastCodeSentTo(to).orElseThrow(() -> new AssertionError("Twilio sent no code to " + to));
    }

    /** The server's {@code /metrics} now (it is shared: compare two scrapes, not absolute values). */
    protected PrometheusText metrics() throws Exception {
        return PrometheusText.scrape(env.keycloak().managementUrl());
    }

    protected String userId(String realm, String username) {
        return admin.userIdByName(realm, username);
    }

    /** A user attribute's value as the admin API shows it (null when unset). */
    protected String attribute(String realm, String username, String name) {
        return admin.attribute(realm, userId(realm, username), name);
    }
}
