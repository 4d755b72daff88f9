package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.ServerTime;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Forgot password" tells nothing: an account with a phone, one without, a locked one and an unknown name go through
 * the same sequence of pages (first page, resend, channel switch, six wrong codes, another resend; or codes posted
 * after Twilio's ten minutes) and see the same thing at every step, and the decoys take as long as the real requests.
 * Real Keycloak, over HTTP.
 */
class ResetDecoyIT extends KeycloakITBase {

    /** Twilio's answer time while this test runs: the decoys must learn it from the real requests. */
    private static final Duration TWILIO_DELAY = Duration.ofMillis(300);
    /** A reset realm as {@link RuleRealms#TRUSTING}, whose reset pages stay valid for 30 minutes (see the late-code test). */
    private static final String LATE_CODES_REALM = "otp-reset-late";
    /** What the visitors without a code of their own type: any well-formed code. */
    private static final String SOME_CODE = "135790";
    private static final String REAL = "account with a phone";

    @BeforeEach
    void slowTwilio() {
        new RuleRealms(admin);
        twilio.delayEvery(TWILIO_DELAY);
    }

    @Test
    void everyKindOfAccountSeesTheSamePagesThroughAWholeSequenceAndDecoysTakeAsLongAsTwilio() throws Exception {
        String realm = RuleRealms.TRUSTING;
        Map<String, String> accounts = new LinkedHashMap<>();
        accounts.put(REAL, newUserWithPhones(realm, TestUsers.newUsNumber()));
        accounts.put("account without a phone", newUser(realm, null));
        accounts.put("locked account with a phone", Lockouts.lockWithPasswords(env, realm, newUserWithPhones(realm, TestUsers.newUsNumber())));
        accounts.put("unknown name", "nobody-" + UUID.randomUUID().toString().substring(0, 8));

        // Real requests at Twilio's current pace first, as on any node in service: the decoys follow the recent ones.
        for (int i = 0; i < 2; i++) {
            signInWithCode(TestEnvironment.REALM, TestUsers.newUsNumber());
        }
        long sendsBefore = twilio.count(RequestKind.CREATE_VERIFICATION);
        Map<String, PageSequence> seen = new LinkedHashMap<>();
        for (Map.Entry<String, String> account : accounts.entrySet()) {
            seen.put(account.getKey(), walk(realm, account.getValue()));
        }

        PageSequence real = seen.get(REAL);
        assertThat(real.pages).hasSize(10);
        assertThat(real.pages.get(0)).contains("If this account has a verified phone number");
        assertThat(real.pages.get(8)).as("the sixth wrong code").contains("Too many wrong codes");
        seen.forEach((kind, sequence) -> {
            for (int step = 0; step < real.pages.size(); step++) {
                assertThat(sequence.pages.get(step)).as("%s, step %d", kind, step).isEqualTo(real.pages.get(step));
            }
            System.out.printf("Reset sequence, %-28s first page %4d ms, median step %4d ms, sends+checks %s%n", kind,
                    sequence.millis.get(0), sequence.medianMillis(), sequence.millis);
        });
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION) - sendsBefore).as("sends reached Twilio only for the real account")
                .isEqualTo(3);
        for (String decoy : List.of("account without a phone", "locked account with a phone", "unknown name")) {
            // A sleep cannot end early, so these lower bounds hold on any machine: the decoy waited as Twilio would.
            assertThat(seen.get(decoy).millis.get(0)).as("%s: first page waits like a real send", decoy)
                    .isGreaterThanOrEqualTo(TWILIO_DELAY.toMillis());
            assertThat(seen.get(decoy).medianMillis()).as("%s: checks wait like real checks", decoy)
                    .isGreaterThanOrEqualTo(TWILIO_DELAY.toMillis());
        }
    }

    /**
     * Codes posted after Twilio's ten minutes, with Keycloak's time and "Twilio"'s moved forward instead of waited for
     * ({@link ServerTime}): at 10 min 30 s the code of a verification that was resent at 5 min (Twilio has ended it,
     * the decoy must say the same); then, after a resend, that resend's code 10 min 30 s later (the step itself knows it
     * is over). The real account posts its real codes and must not get in; all four kinds see the same pages and buttons.
     * <p>
     * Keycloak's own state moves with its time. Keycloak ends a reset page older than the realm's "user action" lifespan
     * (5 minutes by default; the next test) before the step sees the post; this realm sets it to 30 minutes, as a realm
     * whose users may take long over a code might, so that the step and Twilio are what answer. Each page renews the
     * authentication session, which lives as long as the longest of the realm's code lifespans.
     */
    @Test
    void codesPostedAfterTwilioTenMinutesGetTheSamePagesForEveryKindOfAccountAndLetNobodyIn() throws Exception {
        String realm = lateCodesRealm();
        long sendsBefore = twilio.count(RequestKind.CREATE_VERIFICATION);
        long checksBefore = twilio.count(RequestKind.CHECK);
        Map<String, PageSequence> seen;
        try (ServerTime time = env.serverTime()) {
            seen = everyKind(time, realm, (visit, phone) -> {
                time.aheadBy(Duration.ofMinutes(5));
                visit.submit(Map.of("resend", "true"));
                time.aheadBy(Duration.ofMinutes(10).plusSeconds(30));
                visit.submit(Map.of("code", codeTypedBy(phone)));
                visit.submit(Map.of("resend", "true"));
                time.aheadBy(Duration.ofMinutes(21));
                visit.submit(Map.of("code", codeTypedBy(phone)));
                visit.submit(Map.of("resend", "true"));
            });
        }

        PageSequence real = seen.get(REAL);
        assertThat(real.pages).hasSize(6);
        assertThat(real.pages.get(2)).as("the first verification's code at 10 min 30 s").contains("This code has expired");
        assertThat(real.pages.get(4)).as("the resend's code 10 min 30 s after it").contains("This code has expired");
        for (int step = 0; step < real.pages.size(); step++) {
            assertThat(real.pages.get(step)).as("the real account is still on the code form at step %d", step).contains(CODE_FORM);
        }
        assertSamePages(seen);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION) - sendsBefore).as("sends reached Twilio only for the real account")
                .isEqualTo(4);
        assertThat(twilio.count(RequestKind.CHECK) - checksBefore)
                .as("only the code of the verification resent at 5 min reached Twilio; the later one was refused without a request")
                .isEqualTo(1);
    }

    /**
     * With Keycloak's default "user action" lifespan (5 minutes), a code posted 10 min 30 s after the page never reaches
     * the step: Keycloak starts the sign-in over ("timed out"), alike for every kind of account, and asks Twilio nothing.
     */
    @Test
    void underKeycloakDefaultLifespanALateCodeTimesOutAlikeForEveryKindOfAccount() throws Exception {
        String realm = RuleRealms.TRUSTING;
        long checksBefore = twilio.count(RequestKind.CHECK);
        Map<String, PageSequence> seen;
        try (ServerTime time = env.serverTime()) {
            seen = everyKind(time, realm, (visit, phone) -> {
                time.aheadBy(Duration.ofMinutes(10).plusSeconds(30));
                visit.submit(Map.of("code", codeTypedBy(phone)));
            });
        }

        assertThat(seen.get(REAL).pages.get(1)).as("Keycloak's own page").contains("timed out").doesNotContain(CODE_FORM);
        assertSamePages(seen);
        assertThat(twilio.count(RequestKind.CHECK) - checksBefore).as("no code reached Twilio").isZero();
    }

    /** What one visitor does after the reset's first page; {@code phone} is set for the real account only. */
    private interface Walk {
        void from(Visit visit, String phone) throws Exception;
    }

    /** One visitor's reset: the page the browser is on and every page seen so far. */
    private final class Visit {
        private final LoginBrowser browser = env.newBrowser();
        private final PageSequence seen = new PageSequence();
        private Page page;

        Visit(String realm, String username) throws Exception {
            page = browser.forgotPassword(realm, username);
            seen.add(page);
        }

        void submit(Map<String, String> fields) throws Exception {
            page = browser.submit(page, CODE_FORM, fields);
            seen.add(page);
        }
    }

    /**
     * The walk for the four kinds of account, each made (the lock too: 60 s in these realms) just before its walk, on
     * the wall clock. The locked account's reset is a decoy from the first page on, so its lock running out once the
     * time moves changes nothing.
     */
    private Map<String, PageSequence> everyKind(ServerTime time, String realm, Walk walk) throws Exception {
        String phone = TestUsers.newUsNumber();
        Map<String, Callable<String>> accounts = new LinkedHashMap<>();
        accounts.put(REAL, () -> newUserWithPhones(realm, phone));
        accounts.put("account without a phone", () -> newUser(realm, null));
        accounts.put("locked account with a phone", () -> Lockouts.lockWithPasswords(env, realm, newUserWithPhones(realm, TestUsers.newUsNumber())));
        accounts.put("unknown name", () -> "nobody-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, PageSequence> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Callable<String>> account : accounts.entrySet()) {
            time.aheadBy(Duration.ZERO);
            Visit visit = new Visit(realm, account.getValue().call());
            walk.from(visit, REAL.equals(account.getKey()) ? phone : null);
            seen.put(account.getKey(), visit.seen);
        }
        return seen;
    }

    private static void assertSamePages(Map<String, PageSequence> seen) {
        List<String> real = seen.get(REAL).pages;
        seen.forEach((kind, sequence) -> {
            assertThat(sequence.pages).as("%s: pages", kind).hasSameSizeAs(real);
            for (int step = 0; step < real.size(); step++) {
                assertThat(sequence.pages.get(step)).as("%s, step %d", kind, step).isEqualTo(real.get(step));
            }
        });
    }

    /** The code the real account got last; any well-formed code for the others. */
    private String codeTypedBy(String phone) {
        return phone == null ? SOME_CODE : codeFor(phone);
    }

    /** Created on first use through the admin API, so that the shared server's other realms stay as they are. */
    private String lateCodesRealm() {
        Map<String, String> step = Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "sendLimitPerIp", "0",
                "resetWithoutPhone", "refuse");
        if (admin.createRealmIfAbsent(RealmJson.withResetFlow(RealmJson.twilioRealm(LATE_CODES_REALM, step))
                .put("accessCodeLifespanUserAction", (int) Duration.ofMinutes(30).toSeconds()))) {
            admin.declarePhoneAttributes(LATE_CODES_REALM, "phoneNumber", "phoneNumberVerified");
        }
        return LATE_CODES_REALM;
    }

    /** First page, resend, switch to a call, six wrong codes, another resend: the text, forms and buttons of each page. */
    private PageSequence walk(String realm, String username) throws Exception {
        LoginBrowser fresh = env.newBrowser();
        PageSequence sequence = new PageSequence();
        long started = System.nanoTime();
        Page page = fresh.forgotPassword(realm, username);
        sequence.add(page, started);
        started = System.nanoTime();
        page = fresh.submit(page, CODE_FORM, Map.of("resend", "true"));
        sequence.add(page, started);
        started = System.nanoTime();
        page = fresh.submit(page, CODE_FORM, Map.of("channel", "call"));
        sequence.add(page, started);
        for (int i = 0; i < 6; i++) {
            TestUsers.typingPause();
            started = System.nanoTime();
            page = fresh.enterCode(page, String.format("00000%d", i));
            sequence.add(page, started);
        }
        started = System.nanoTime();
        page = fresh.submit(page, CODE_FORM, Map.of("resend", "true"));
        sequence.add(page, started);
        return sequence;
    }

    @Test
    void onceTwilioAnswersAgainAfterAnOutageAnUnknownNameSeesTheSamePageAsARealAccount() throws Exception {
        String realm = RuleRealms.TRUSTING;
        String phone = TestUsers.newUsNumber();
        String holder = newUserWithPhones(realm, phone);
        twilio.failNext(503, 20500); // Twilio is down for one request: the real reset meets it, the node remembers it
        assertThat(env.newBrowser().forgotPassword(realm, holder).text()).contains("could not reach");

        Page real = env.newBrowser().forgotPassword(realm, holder); // Twilio is back
        Page unknown = env.newBrowser().forgotPassword(realm, "nobody-" + UUID.randomUUID().toString().substring(0, 8));

        assertThat(twilio.lastCodeSentTo(phone)).isPresent();
        assertThat(unknown.asSeen()).as("the decoy must not replay an outage that real requests no longer meet")
                .isEqualTo(real.asSeen());
    }

    private void signInWithCode(String realm, String phone) throws Exception {
        LoginBrowser fresh = env.newBrowser();
        String username = newUserWithPhones(realm, phone);
        Page code = fresh.signIn(realm, username);
        Page done = fresh.enterCode(code, codeFor(phone));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
    }
}
