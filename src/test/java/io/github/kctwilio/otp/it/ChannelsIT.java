package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Channels on the code form: switching, landlines, disabled channels, email, and the language of the code. */
class ChannelsIT extends KeycloakITBase {

    private static final String REALM = TestEnvironment.REALM_CHANNELS;

    @Test
    void callMeInsteadDeliversTheSameVerificationByVoiceInOneMoreRequest() throws Exception {
        String phone = TestUsers.newUsNumber();
        Page codeForm = browser.signIn(REALM, newUser(REALM, phone));
        assertThat(buttons(codeForm)).containsExactly("kc-twilio-otp-channel-call", "kc-twilio-otp-channel-whatsapp",
                "kc-twilio-otp-channel-email");
        String to = twilio.requests().get(0).param("To");

        Page byCall = browser.submit(codeForm, CODE_FORM, Map.of("channel", "call"));

        assertThat(byCall.text()).contains("We are calling");
        List<RecordedRequest> creates = twilio.requests().stream().filter(r -> r.kind() == RequestKind.CREATE_VERIFICATION).toList();
        assertThat(creates).hasSize(2);
        assertThat(creates.get(1).param("Channel")).isEqualTo("call");
        assertThat(creates.get(1).param("To")).isEqualTo(to);
        assertThat(buttons(byCall)).contains("kc-twilio-otp-channel-sms").doesNotContain("kc-twilio-otp-channel-call");

        Page done = browser.enterCode(byCall, codeFor(phone));
        assertThat(done.loggedIn()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
        assertThat(twilio.count(RequestKind.CHECK)).isEqualTo(1);
    }

    @Test
    void emailGoesToTheAccountAddressAndProvesNoPhoneNumber() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(REALM, phone);
        Page codeForm = browser.signIn(REALM, user);

        Page byEmail = browser.submit(codeForm, CODE_FORM, Map.of("channel", "email"));

        String email = user + "@example.org";
        assertThat(byEmail.text()).contains("by email to " + user.charAt(0) + "\u2022\u2022\u2022@example.org");
        assertThat(twilio.requests().get(1).param("To")).isEqualTo(email);
        assertThat(twilio.requests().get(1).param("Channel")).isEqualTo("email");
        Page done = browser.enterCode(byEmail, codeFor(email));
        assertThat(done.loggedIn()).isTrue();
        // The phone credential is the number the realm trusted from the attribute; the email code added no proof to it.
        assertThat(admin.phoneCredentials(REALM, admin.userIdByName(REALM, user))).singleElement()
                .satisfies(c -> assertThat(c.path("credentialData").asText()).contains("TRUSTED_ATTRIBUTE"));
    }

    @Test
    void emailIsNotOfferedWithoutAnAddressNorForANewNumberAndForgedChannelsSendNothing() throws Exception {
        Page noAddress = browser.signIn(REALM, TestUsers.newUserWithoutEmail(admin, REALM, TestUsers.newUsNumber()));
        assertThat(buttons(noAddress)).doesNotContain("kc-twilio-otp-channel-email");
        Page forged = browser.submit(noAddress, CODE_FORM, Map.of("channel", "email"));
        Page premium = browser.submit(forged, CODE_FORM, Map.of("channel", "premium-rate"));
        assertThat(premium.hasForm(CODE_FORM)).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);

        LoginBrowser second = env.newBrowser();
        Page phoneForm = second.signIn(REALM, newUser(REALM, null));
        Page enrolling = second.enterPhone(phoneForm, TestUsers.newUsNumber());
        assertThat(buttons(enrolling)).contains("kc-twilio-otp-channel-call").doesNotContain("kc-twilio-otp-channel-email");
    }

    @Test
    void landlineRefusedForSmsIsOfferedTheVoiceCallStraightAway() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(REALM, phone);
        twilio.failNext(403, 60205);

        Page landline = browser.signIn(REALM, user);

        assertThat(landline.text()).contains("cannot receive text messages");
        assertThat(landline.document().getElementById("code")).isNull();
        assertThat(landline.document().getElementById("kc-twilio-otp-channel-call").className()).contains("primary");
        Page called = browser.submit(landline, CODE_FORM, Map.of("channel", "call"));
        assertThat(twilio.requests().get(1).param("Channel")).isEqualTo("call");
        Page done = browser.enterCode(called, codeFor(phone));
        assertThat(done.loggedIn()).isTrue();
    }

    @Test
    void channelDisabledInTheVerifyServiceIsHiddenAndReportedOnce() throws Exception {
        String realm = TestEnvironment.REALM_DISABLED_CHANNEL;
        int logBefore = env.keycloak().log().length();
        twilio.failNext(400, 60223);

        Page first = browser.signIn(realm, newUser(realm, TestUsers.newUsNumber()));
        assertThat(first.text()).contains("not available right now");
        assertThat(buttons(first)).contains("kc-twilio-otp-channel-call").doesNotContain("kc-twilio-otp-channel-sms");

        LoginBrowser next = env.newBrowser();
        String phone = TestUsers.newUsNumber();
        Page second = next.signIn(realm, newUser(realm, phone));

        assertThat(second.text()).contains("We are calling");
        assertThat(twilio.requests().get(twilio.requests().size() - 1).param("Channel")).isEqualTo("call");
        assertThat(buttons(second)).doesNotContain("kc-twilio-otp-channel-sms");
        String log = env.keycloak().log().substring(logBefore);
        assertThat(log.lines().filter(l -> l.contains("twilioCode=60223") && l.contains("WARN"))).hasSize(1);
    }

    @Test
    void theLoginPageLanguageReachesTwilioAsLocale() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(REALM, phone);

        Page page = browser.signIn(browser.openLogin(REALM, RealmJson.CLIENT_ID, "&ui_locales=pt-BR"), user, TestUsers.PASSWORD);

        assertThat(page.hasForm(CODE_FORM)).isTrue();
        assertThat(twilio.requests().get(0).param("Locale")).isEqualTo("pt-BR");
    }

    @Test
    void oneResendAndOneSwitchCostOneRequestEachAndReloadsInTheCooldownNone() throws Exception {
        String phone = TestUsers.newUsNumber();
        Page codeForm = browser.signIn(REALM, newUser(REALM, phone));
        long afterFirst = twilio.requests().size();

        Page resent = browser.submit(codeForm, CODE_FORM, Map.of("resend", "true"));
        long afterResend = twilio.requests().size();
        Page switched = browser.submit(resent, CODE_FORM, Map.of("channel", "whatsapp"));
        long afterSwitch = twilio.requests().size();

        LoginBrowser cooled = env.newBrowser();
        String vaultUser = newUser(TestEnvironment.REALM_VAULT, TestUsers.newUsNumber());
        Page cooldownForm = cooled.signIn(TestEnvironment.REALM_VAULT, vaultUser);
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
}
