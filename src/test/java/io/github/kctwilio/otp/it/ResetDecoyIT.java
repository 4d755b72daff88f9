package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Forgot password" tells nothing: an account with a phone, one without, a locked one and an unknown name go through
 * the same sequence of pages (first page, resend, channel switch, six wrong codes, another resend) and see the same
 * thing at every step, and the decoys take as long as the real requests. Real Keycloak, over HTTP.
 */
class ResetDecoyIT extends KeycloakITBase {

    /** Twilio's answer time while this test runs: the decoys must learn it from the real requests. */
    private static final Duration TWILIO_DELAY = Duration.ofMillis(300);

    @BeforeEach
    void slowTwilio() {
        new RuleRealms(admin);
        twilio.delayEvery(TWILIO_DELAY);
    }

    @Test
    void everyKindOfAccountSeesTheSamePagesThroughAWholeSequenceAndDecoysTakeAsLongAsTwilio() throws Exception {
        String realm = RuleRealms.TRUSTING;
        Map<String, String> accounts = new LinkedHashMap<>();
        accounts.put("account with a phone", newUserWithPhones(realm, TestUsers.newUsNumber()));
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

        PageSequence real = seen.get("account with a phone");
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

    private void signInWithCode(String realm, String phone) throws Exception {
        LoginBrowser fresh = env.newBrowser();
        String username = newUserWithPhones(realm, phone);
        Page code = fresh.signIn(realm, username);
        Page done = fresh.enterCode(code, codeFor(phone));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
    }
}
