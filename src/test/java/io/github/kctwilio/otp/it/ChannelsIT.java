package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Channels on the code form: switching, landlines, disabled channels, email, and the language of the code. */
@ExtendWith(TestEnvironment.class)
class ChannelsIT {

    private static final String REALM = TestEnvironment.REALM_CHANNELS;

    private final TestEnvironment env = TestEnvironment.get();
    private final VerifyEmulator twilio = env.emulator();
    private final AdminApi admin = env.admin();
    private LoginBrowser browser;

    @BeforeEach
    void fresh() {
        twilio.reset();
        browser = env.newBrowser();
    }

    @Test
    void callMeInsteadDeliversTheSameVerificationByVoiceInOneMoreRequest() throws Exception {
        String phone = TestUsers.newUsNumber();
        Page codeForm = signIn(REALM, newUser(phone, true));
        assertThat(buttons(codeForm)).containsExactly("kc-twilio-otp-channel-call", "kc-twilio-otp-channel-whatsapp",
                "kc-twilio-otp-channel-email");
        String to = twilio.requests().get(0).param("To");

        Page byCall = browser.submit(codeForm, "kc-twilio-otp-code-form", Map.of("channel", "call"));

        assertThat(byCall.text()).contains("We are calling");
        List<RecordedRequest> creates = twilio.requests().stream().filter(r -> r.kind() == RequestKind.CREATE_VERIFICATION).toList();
        assertThat(creates).hasSize(2);
        assertThat(creates.get(1).param("Channel")).isEqualTo("call");
        assertThat(creates.get(1).param("To")).isEqualTo(to);
        assertThat(buttons(byCall)).contains("kc-twilio-otp-channel-sms").doesNotContain("kc-twilio-otp-channel-call");

        Page done = browser.submit(byCall, "kc-twilio-otp-code-form", Map.of("code", twilio.lastCodeSentTo(phone).orElseThrow()));
        assertThat(done.loggedIn()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
        assertThat(twilio.count(RequestKind.CHECK)).isEqualTo(1);
    }

    @Test
    void emailGoesToTheAccountAddressAndProvesNoPhoneNumber() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(phone, true);
        Page codeForm = signIn(REALM, user);

        Page byEmail = browser.submit(codeForm, "kc-twilio-otp-code-form", Map.of("channel", "email"));

        String email = user + "@example.org";
        assertThat(byEmail.text()).contains("by email to " + user.charAt(0) + "\u2022\u2022\u2022@example.org");
        assertThat(twilio.requests().get(1).param("To")).isEqualTo(email);
        assertThat(twilio.requests().get(1).param("Channel")).isEqualTo("email");
        Page done = browser.submit(byEmail, "kc-twilio-otp-code-form", Map.of("code", twilio.lastCodeSentTo(email).orElseThrow()));
        assertThat(done.loggedIn()).isTrue();
        // The phone credential is the number the realm trusted from the attribute; the email code added no proof to it.
        assertThat(admin.phoneCredentials(REALM, admin.userIdByName(REALM, user))).singleElement()
                .satisfies(c -> assertThat(c.path("credentialData").asText()).contains("TRUSTED_ATTRIBUTE"));
    }

    @Test
    void emailIsNotOfferedWithoutAnAddressNorForANewNumberAndForgedChannelsSendNothing() throws Exception {
        Page noAddress = signIn(REALM, newUser(TestUsers.newUsNumber(), false));
        assertThat(buttons(noAddress)).doesNotContain("kc-twilio-otp-channel-email");
        Page forged = browser.submit(noAddress, "kc-twilio-otp-code-form", Map.of("channel", "email"));
        Page premium = browser.submit(forged, "kc-twilio-otp-code-form", Map.of("channel", "premium-rate"));
        assertThat(premium.hasForm("kc-twilio-otp-code-form")).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);

        LoginBrowser second = env.newBrowser();
        Page phoneForm = second.signIn(second.openLogin(REALM, RealmJson.CLIENT_ID), newUser(null, true), TestUsers.PASSWORD);
        Page enrolling = second.submit(phoneForm, "kc-twilio-otp-phone-form", Map.of("phoneNumber", TestUsers.newUsNumber()));
        assertThat(buttons(enrolling)).contains("kc-twilio-otp-channel-call").doesNotContain("kc-twilio-otp-channel-email");
    }

    @Test
    void landlineRefusedForSmsIsOfferedTheVoiceCallStraightAway() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(phone, true);
        twilio.failNext(403, 60205);

        Page landline = signIn(REALM, user);

        assertThat(landline.text()).contains("cannot receive text messages");
        assertThat(landline.document().getElementById("code")).isNull();
        assertThat(landline.document().getElementById("kc-twilio-otp-channel-call").className()).contains("primary");
        Page called = browser.submit(landline, "kc-twilio-otp-code-form", Map.of("channel", "call"));
        assertThat(twilio.requests().get(1).param("Channel")).isEqualTo("call");
        Page done = browser.submit(called, "kc-twilio-otp-code-form", Map.of("code", twilio.lastCodeSentTo(phone).orElseThrow()));
        assertThat(done.loggedIn()).isTrue();
    }

    @Test
    void channelDisabledInTheVerifyServiceIsHiddenAndReportedOnce() throws Exception {
        String realm = TestEnvironment.REALM_DISABLED_CHANNEL;
        int logBefore = env.keycloak().log().length();
        twilio.failNext(400, 60223);

        Page first = signIn(realm, newUser(realm, TestUsers.newUsNumber(), true));
        assertThat(first.text()).contains("not available right now");
        assertThat(buttons(first)).contains("kc-twilio-otp-channel-call").doesNotContain("kc-twilio-otp-channel-sms");

        LoginBrowser next = env.newBrowser();
        String phone = TestUsers.newUsNumber();
        Page second = next.signIn(next.openLogin(realm, RealmJson.CLIENT_ID), newUser(realm, phone, true), TestUsers.PASSWORD);

        assertThat(second.text()).contains("We are calling");
        assertThat(twilio.requests().get(twilio.requests().size() - 1).param("Channel")).isEqualTo("call");
        assertThat(buttons(second)).doesNotContain("kc-twilio-otp-channel-sms");
        String log = env.keycloak().log().substring(logBefore);
        assertThat(log.lines().filter(l -> l.contains("twilioCode=60223") && l.contains("WARN"))).hasSize(1);
    }

    @Test
    void theLoginPageLanguageReachesTwilioAsLocale() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(phone, true);

        Page page = browser.signIn(browser.openLogin(REALM, RealmJson.CLIENT_ID, "&ui_locales=pt-BR"), user, TestUsers.PASSWORD);

        assertThat(page.hasForm("kc-twilio-otp-code-form")).isTrue();
        assertThat(twilio.requests().get(0).param("Locale")).isEqualTo("pt-BR");
    }

    @Test
    void oneResendAndOneSwitchCostOneRequestEachAndReloadsInTheCooldownNone() throws Exception {
        String phone = TestUsers.newUsNumber();
        Page codeForm = signIn(REALM, newUser(phone, true));
        long afterFirst = twilio.requests().size();

        Page resent = browser.submit(codeForm, "kc-twilio-otp-code-form", Map.of("resend", "true"));
        long afterResend = twilio.requests().size();
        Page switched = browser.submit(resent, "kc-twilio-otp-code-form", Map.of("channel", "whatsapp"));
        long afterSwitch = twilio.requests().size();

        LoginBrowser cooled = env.newBrowser();
        String vaultUser = "c" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.create(admin, TestEnvironment.REALM_VAULT, vaultUser, TestUsers.newUsNumber());
        Page cooldownForm = cooled.signIn(cooled.openLogin(TestEnvironment.REALM_VAULT, RealmJson.CLIENT_ID), vaultUser, TestUsers.PASSWORD);
        long beforeReload = twilio.requests().size();
        Page reloaded = cooled.get(cooldownForm.reloadUrl());
        long afterReload = twilio.requests().size();

        System.out.printf("Twilio requests: first send %d, one resend +%d, one channel switch +%d, a reload in the cooldown +%d%n",
                afterFirst, afterResend - afterFirst, afterSwitch - afterResend, afterReload - beforeReload);
        assertThat(afterFirst).isEqualTo(1);
        assertThat(afterResend - afterFirst).isEqualTo(1);
        assertThat(afterSwitch - afterResend).isEqualTo(1);
        assertThat(switched.text()).contains("by WhatsApp");
        assertThat(afterReload - beforeReload).isZero();
        assertThat(reloaded.document().getElementById("kc-twilio-otp-resend-wait")).isNotNull();
    }

    private static List<String> buttons(Page page) {
        return page.document().select("button[name=channel]").eachAttr("id");
    }

    private String newUser(String phone, boolean withEmail) {
        return newUser(REALM, phone, withEmail);
    }

    private String newUser(String realm, String phone, boolean withEmail) {
        String username = "c" + UUID.randomUUID().toString().substring(0, 8);
        admin.createUser(realm, username, TestUsers.PASSWORD, phone == null ? Map.of() : Map.of("phoneNumber", phone),
                withEmail ? username + "@example.org" : null);
        return username;
    }

    private Page signIn(String realm, String username) throws Exception {
        return browser.signIn(browser.openLogin(realm, RealmJson.CLIENT_ID), username, TestUsers.PASSWORD);
    }
}
