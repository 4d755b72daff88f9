package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, "Secrets and output": a realm admin may override any of our messages (Realm settings → Localization →
 * Realm overrides). Our pages never print such a text as raw HTML: the one message that carries markup (the
 * cooldown's live seconds) goes through Keycloak's sanitizer, so a script in an override never reaches the page.
 */
class RealmMessageOverrideIT extends KeycloakITBase {

    private static final String REALM = "otp-message-override";
    private static final String OVERRIDE = "Wait {0} s.<script>window.twilioOtpPwned=1</script><img src=x onerror=\"window.twilioOtpPwned=2\">";

    @Test
    void scriptInARealmOverrideOfTheCooldownMessageIsNotRenderedAndTheLiveSecondsStay() throws Exception {
        // The default resend waits (the first 30 s): the code form shows "You can ask for a new code in N s."
        ObjectNode realm = RealmJson.twilioRealm(REALM, Map.of());
        realm.putObject("localizationTexts").putObject("en").put("twilioOtpResendWait", OVERRIDE);
        if (admin.createRealmIfAbsent(realm)) {
            admin.declarePhoneAttributes(REALM, "phoneNumber", "phoneNumberVerified");
        }
        String username = newUser(REALM, TestUsers.newUsNumber());
        LoginBrowser.Page codeForm = browser.signIn(REALM, username);

        Element wait = codeForm.document().getElementById("kc-twilio-otp-resend-wait");
        assertThat(wait).as("the cooldown line is on the code form: %s", codeForm).isNotNull();
        assertThat(wait.text()).as("the override is what the page says").startsWith("Wait ").contains(" s.");
        assertThat(codeForm.document().getElementById("kc-twilio-otp-seconds")).as("the live seconds keep their element").isNotNull();
        assertThat(codeForm.body()).as("the override's script and handler are not on the page")
                .doesNotContain("twilioOtpPwned")
                .doesNotContain("onerror");
    }
}
