package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import io.github.kctwilio.otp.testsupport.Totp;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Our forms under other login themes, a theme's override of our template, and "Try another way". */
class ThemesAndAlternativesIT extends KeycloakITBase {

    @Test
    void olderKeycloakThemeRendersTheCodeFormAndTheLoginWorks() throws Exception {
        String realm = TestEnvironment.REALM_CLASSIC_THEME;
        String phone = TestUsers.newUsNumber();
        String user = newUser(realm, phone);

        Page codeForm = browser.signIn(realm, user);

        assertThat(codeForm.body()).contains("/login/keycloak/css/login.css").doesNotContain("keycloak.v2");
        assertThat(codeForm.document().getElementById("code").attr("autocomplete")).isEqualTo("one-time-code");
        Page wrong = browser.enterCode(codeForm, TestUsers.otherCodeThan(codeFor(phone)));
        assertThat(wrong.fieldError("code")).contains("not correct");
        TestUsers.typingPause();
        Page done = browser.enterCode(wrong, codeFor(phone));
        assertThat(done.loggedIn()).as(done.text()).isTrue();
    }

    @Test
    void customThemeOverridesOurPhoneFormByNameAndOurCodeFormStillWorksOnItsBase() throws Exception {
        String realm = TestEnvironment.REALM_CUSTOM_THEME;
        String user = newUser(realm, null);
        String phone = TestUsers.newUsNumber();

        Page phoneForm = browser.signIn(realm, user);

        assertThat(phoneForm.document().getElementById(PHONE_FORM).attr("data-theme")).isEqualTo("acme-custom");
        Page codeForm = browser.enterPhone(phoneForm, phone);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(browser.enterCode(codeForm, codeFor(phone)).loggedIn()).isTrue();
    }

    @Test
    void tryAnotherWayListsOurStepByNameAndOurCodeFormOffersTheWayBack() throws Exception {
        String realm = TestEnvironment.REALM_ALTERNATIVES;

        // Keycloak starts with the alternative backed by a stored credential: the authenticator app.
        Page first = browser.signIn(realm, TestEnvironment.TOTP_USER);
        assertThat(first.document().getElementById("try-another-way")).as(first.body()).isNotNull();

        Page choices = browser.submit(first, "kc-select-try-another-way-form", Map.of());
        // The step is a credential validator: Keycloak lists it under the phone credential's name and help text.
        assertThat(choices.text()).contains("Phone number").contains("Get a one-time code by text message or call");
        Page codeForm = browser.post(choiceFormAction(choices), Map.of("authenticationExecution", choiceExecution(choices, "Phone number")));

        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(codeForm.document().getElementById("try-another-way")).as("the way back to the app").isNotNull();
        Page done = browser.enterCode(codeForm, codeFor(TestEnvironment.TOTP_USER_PHONE));
        assertThat(done.loggedIn()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
    }

    @Test
    void theAuthenticatorAppStaysUsableBesideOurStep() throws Exception {
        Page first = browser.signIn(TestEnvironment.REALM_ALTERNATIVES, TestEnvironment.TOTP_USER);

        Page done = browser.submit(first, "kc-otp-login-form",
                Map.of("otp", Totp.code(TestEnvironment.TOTP_SECRET, System.currentTimeMillis() / 1000)));

        assertThat(done.loggedIn()).as(done.body()).isTrue();
        assertThat(twilio.requests()).as("no SMS when the user takes the app").isEmpty();
    }

    private static String choiceFormAction(Page choices) {
        return choices.document().selectFirst("form#kc-select-credential-form").absUrl("action");
    }

    /** The execution id behind the choice whose heading contains the text. */
    private static String choiceExecution(Page choices, String heading) {
        for (Element item : choices.document().select("li")) {
            Element title = item.selectFirst("h2");
            Element input = item.selectFirst("input[name=authenticationExecution]");
            if (title != null && input != null && title.text().contains(heading)) {
                return input.attr("value");
            }
        }
        throw new AssertionError("No choice '" + heading + "' on:\n" + choices.text());
    }
}
