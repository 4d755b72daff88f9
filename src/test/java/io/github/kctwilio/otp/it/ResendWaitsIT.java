package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.ServerTime;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.time.Duration;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Escalating resend waits in a real Keycloak: the wait before each further code of a sign-in grows as the admin set
 * it (with up to 10 % jitter), a channel switch and "send the code to my other number" are resends, the code form
 * shows the real seconds left, and a reload neither sends nor resets the wait. Keycloak's and the emulator's time move
 * together ({@link ServerTime}), so nobody waits.
 */
class ResendWaitsIT extends KeycloakITBase {

    private static final String REALM = "otp-resend-waits";
    private static final Map<String, String> STEP = Map.of("defaultRegion", "US", "sendLimitPerIp", "0",
            "resendWaits", "30s, 60s, 2m", "channels", "sms##call");

    @BeforeEach
    void realm() {
        ensureTwilioRealm(REALM, STEP);
    }

    @Test
    void eachResendWaitsLongerThanTheOneBeforeAChannelSwitchIsOneAndTheFormShowsTheSecondsLeft() throws Exception {
        String phone = TestUsers.newUsNumber();
        try (ServerTime time = new ServerTime(admin, twilio)) {
            Page codeForm = browser.signIn(REALM, newUser(REALM, phone));
            assertThat(secondsShown(codeForm)).as("the first wait, 30 s and its jitter").isBetween(29L, 33L);

            Page early = browser.submit(codeForm, CODE_FORM, Map.of("resend", "true"));
            assertThat(creates()).as("a resend before the first wait").isEqualTo(1);
            assertThat(secondsShown(early)).isBetween(25L, 33L);

            time.aheadBy(Duration.ofSeconds(34));
            Page resent = browser.submit(early, CODE_FORM, Map.of("resend", "true"));
            assertThat(creates()).as("a resend after the first wait").isEqualTo(2);
            assertThat(resent.text()).contains("A new code is on its way.");
            assertThat(secondsShown(resent)).as("the second wait, 60 s and its jitter").isBetween(55L, 66L);

            time.aheadBy(Duration.ofSeconds(34 + 50));
            Page tooEarly = browser.submit(resent, CODE_FORM, Map.of("channel", "call"));
            assertThat(creates()).as("a switch to a call 50 s after the second code").isEqualTo(2);
            assertThat(secondsShown(tooEarly)).isBetween(1L, 16L);

            time.aheadBy(Duration.ofSeconds(34 + 67));
            Page switched = browser.submit(tooEarly, CODE_FORM, Map.of("channel", "call"));
            assertThat(creates()).as("the switch after the second wait").isEqualTo(3);
            assertThat(twilio.requests().get(2).param("Channel")).isEqualTo("call");
            long third = secondsShown(switched);
            assertThat(third).as("the third wait, 2 min and its jitter").isBetween(115L, 132L);

            Page reloaded = browser.get(switched.reloadUrl());
            assertThat(creates()).as("a reload").isEqualTo(3);
            assertThat(secondsShown(reloaded)).as("a reload keeps the wait").isBetween(third - 3, third);
            assertThat(browser.enterCode(reloaded, codeFor(phone)).loggedIn()).isTrue();
        }
    }

    @Test
    void theOtherNumberIsAResendWithTheSameWaits() throws Exception {
        String main = TestUsers.newUsNumber();
        String backup = TestUsers.newUsNumber();
        try (ServerTime time = new ServerTime(admin, twilio)) {
            Page codeForm = browser.signIn(REALM, newUserWithPhones(REALM, main, backup));

            Page early = browser.submit(codeForm, CODE_FORM, Map.of("backupNumber", "true"));
            assertThat(creates()).as("the other number before the first wait").isEqualTo(1);
            assertThat(early.document().getElementById("kc-twilio-otp-backup-number").hasAttr("disabled")).isTrue();

            time.aheadBy(Duration.ofSeconds(34));
            Page toBackup = browser.submit(early, CODE_FORM, Map.of("backupNumber", "true"));
            assertThat(creates()).isEqualTo(2);
            assertThat(twilio.requests().get(1).param("To")).isEqualTo(backup);
            assertThat(secondsShown(toBackup)).as("the second wait").isBetween(55L, 66L);
            assertThat(browser.enterCode(toBackup, codeFor(backup)).loggedIn()).isTrue();
        }
    }

    private long creates() {
        return twilio.count(RequestKind.CREATE_VERIFICATION);
    }

    /** The seconds the code form says are left before another code (the server renders them). */
    private static long secondsShown(Page page) {
        Element seconds = page.document().getElementById("kc-twilio-otp-seconds");
        assertThat(seconds).as("the wait is on the form: %s", page).isNotNull();
        assertThat(page.document().getElementById("kc-twilio-otp-resend").hasAttr("disabled")).isTrue();
        return Long.parseLong(seconds.text());
    }
}
