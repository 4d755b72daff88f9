package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verify's own signals in a real Keycloak: the step's (and the required action's) risk check, message template and
 * app hash reach Twilio on every send; the code form carries the WebOTP script only when a template is set; a number
 * Fraud Guard refuses gets the usual message and event, and no further send in that sign-in.
 */
class VerifySignalsIT extends KeycloakITBase {

    static final String REALM = "otp-verify-signals";
    static final String TEMPLATE = "HJ" + "0123456789abcdef".repeat(2);
    static final String APP_HASH = "He42w354ol9";
    /** Every signal set, on the step and on the required action. */
    static final Map<String, String> STEP = Map.of("defaultRegion", "US", "sendLimitPerIp", "0", "resendWaits", "0s",
            "channels", "sms##call", "riskCheck", "enable", "templateSid", TEMPLATE, "appHash", APP_HASH);
    private static final String WEB_OTP_SCRIPT = "kc-twilio-otp-webotp";

    @BeforeEach
    void realm() {
        ensureTwilioRealm(REALM, STEP);
    }

    @Test
    void theTemplateAppHashAndRiskCheckReachTwilioAndTheCodeFormAsksTheBrowserForTheCode() throws Exception {
        String phone = TestUsers.newUsNumber();

        Page codeForm = browser.signIn(REALM, newUser(REALM, phone));

        RecordedRequest create = onlyCreate();
        assertThat(create.param("TemplateSid")).isEqualTo(TEMPLATE);
        assertThat(create.param("AppHash")).isEqualTo(APP_HASH);
        assertThat(create.param("RiskCheck")).isEqualTo("enable");
        Element script = codeForm.document().getElementById(WEB_OTP_SCRIPT);
        assertThat(script).as("the WebOTP script is on the code form: %s", codeForm).isNotNull();
        assertThat(script.data()).contains("navigator.credentials.get({otp: {transport: [\"sms\"]}, signal: asking.signal})")
                .contains("new AbortController()");
        assertThat(codeForm.document().getElementById("code").attr("autocomplete")).isEqualTo("one-time-code");
        assertThat(browser.enterCode(codeForm, codeFor(phone)).loggedIn()).isTrue();
    }

    @Test
    void aCallCarriesTheTemplateButNeitherTheAppHashNorTheScript() throws Exception {
        Page codeForm = browser.signIn(REALM, newUser(REALM, TestUsers.newUsNumber()));

        Page call = browser.submit(codeForm, CODE_FORM, Map.of("channel", "call"));

        RecordedRequest create = twilio.requests().get(1);
        assertThat(create.param("Channel")).isEqualTo("call");
        assertThat(create.param("TemplateSid")).isEqualTo(TEMPLATE);
        assertThat(create.param("AppHash")).isNull();
        assertThat(call.document().getElementById(WEB_OTP_SCRIPT)).as("no SMS for the browser to read").isNull();
    }

    @Test
    void withoutATemplateTheCodeFormHasNoWebOtpScriptAndTwilioGetsNoneOfTheParameters() throws Exception {
        Page codeForm = browser.signIn(TestEnvironment.REALM, newUser(TestEnvironment.REALM, TestUsers.newUsNumber()));

        assertThat(codeForm.hasForm(CODE_FORM)).isTrue();
        assertThat(codeForm.document().getElementById(WEB_OTP_SCRIPT)).isNull();
        assertThat(codeForm.body()).doesNotContain("OTPCredential");
        assertThat(onlyCreate().form()).doesNotContainKeys("TemplateSid", "AppHash", "RiskCheck");
        assertThat(codeForm.document().getElementById("code").attr("autocomplete")).isEqualTo("one-time-code");
    }

    @Test
    void aNumberBeingSetUpInTheRequiredActionGetsTheActionsTemplateAndTheScript() throws Exception {
        String phone = TestUsers.newUsNumber();
        Page phoneForm = browser.signIn(REALM, newUser(REALM, null));

        Page codeForm = browser.enterPhone(phoneForm, phone);

        assertThat(onlyCreate().param("TemplateSid")).isEqualTo(TEMPLATE);
        assertThat(codeForm.document().getElementById(WEB_OTP_SCRIPT)).isNotNull();
        assertThat(browser.enterCode(codeForm, codeFor(phone)).loggedIn()).isTrue();
    }

    @Test
    void aNumberFraudGuardRefusesGetsTheUsualMessageAndEventAndNoFurtherSend() throws Exception {
        String phone = TestUsers.newUsNumber();
        String username = newUser(REALM, phone);
        twilio.blockByFraudGuard(phone);

        Page refused = browser.signIn(REALM, username);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.text()).contains("We cannot send a code to this number.");
        assertThat(onlyCreate().param("RiskCheck")).isEqualTo("enable");
        JsonNode events = admin.events(REALM, userId(REALM, username));
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("type").asText()).isEqualTo("LOGIN_ERROR");
            assertThat(event.path("error").asText()).isEqualTo("twilio_number_blocked");
            assertThat(event.path("details").path("twilio_error_code").asText()).isEqualTo("60410");
        });
        assertThat(refused.document().getElementById("kc-twilio-otp-resend")).as("no new code offered").isNull();
        assertThat(refused.document().select("button[name=channel]")).as("no call instead").isEmpty();

        Page reloaded = browser.get(refused.reloadUrl());
        Page resent = browser.submit(reloaded, CODE_FORM, Map.of("resend", "true"));
        Page called = browser.submit(resent, CODE_FORM, Map.of("channel", "call"));

        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("a reload, a forged resend, a forged call").isEqualTo(1);
        assertThat(called.text()).contains("We cannot send a code to this number.");
        assertThat(called.loggedIn()).isFalse();
    }

    @Test
    void phoneSignInSendsItsOwnTemplateAndItsCodeFormCarriesTheScriptForTheHolderAndTheDecoyAlike() throws Exception {
        new PhoneLoginRealms(admin);
        String realm = PhoneLoginRealms.PHONE_ONLY;
        String configId = admin.execution(realm, RealmJson.FLOW_ALIAS, "twilio-otp-phone-login").path("authenticationConfig").asText();
        Map<String, String> withTemplate = new HashMap<>(PhoneLoginRealms.STEP);
        withTemplate.put("templateSid", TEMPLATE);
        admin.updateAuthenticatorConfig(realm, configId, withTemplate);
        afterThisTest(() -> admin.updateAuthenticatorConfig(realm, configId, PhoneLoginRealms.STEP));
        String phone = TestUsers.newUsNumber();
        newUserWithPhones(realm, phone);

        Page holder = browser.submit(browser.openLogin(realm, RealmJson.CLIENT_ID), PHONE_FORM, Map.of("phoneNumber", phone));
        LoginBrowser stranger = env.newBrowser();
        Page decoy = stranger.submit(stranger.openLogin(realm, RealmJson.CLIENT_ID), PHONE_FORM,
                Map.of("phoneNumber", TestUsers.newUsNumber()));

        assertThat(onlyCreate().param("TemplateSid")).isEqualTo(TEMPLATE);
        assertThat(holder.document().getElementById(WEB_OTP_SCRIPT)).as("the holder's code form: %s", holder).isNotNull();
        assertThat(decoy.document().getElementById(WEB_OTP_SCRIPT)).as("the decoy's code form is alike").isNotNull();
    }

    private RecordedRequest onlyCreate() {
        assertThat(twilio.requests()).as("Twilio requests").hasSize(1);
        RecordedRequest create = twilio.requests().get(0);
        assertThat(create.kind()).isEqualTo(RequestKind.CREATE_VERIFICATION);
        return create;
    }
}
