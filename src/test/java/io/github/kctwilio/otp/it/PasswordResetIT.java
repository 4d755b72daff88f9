package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Forgot password" through the Twilio step in a real Keycloak: a code to the verified number before a new password,
 * and nothing on the page that tells an existing account, one without a number, and no account apart.
 */
@ExtendWith(TestEnvironment.class)
class PasswordResetIT {

    private static final String CODE_FORM = "kc-twilio-otp-code-form";
    private static final String NEW_PASSWORD_FORM = "kc-passwd-update-form";

    private final TestEnvironment env = TestEnvironment.get();
    private final VerifyEmulator twilio = env.emulator();
    private final AdminApi admin = env.admin();
    private LoginBrowser browser;

    @BeforeEach
    void freshBrowserAndTwilio() {
        new RuleRealms(admin);
        twilio.reset();
        browser = env.newBrowser();
    }

    @Test
    void aCodeToTheVerifiedNumberComesBeforeTheNewPassword() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(RuleRealms.TRUSTING, phone);

        Page codeForm = forgotPassword(RuleRealms.TRUSTING, user);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(codeForm.text()).contains("If this account has a verified phone number").doesNotContain(phone.substring(8));

        Page newPassword = browser.submit(codeForm, CODE_FORM, Map.of("code", twilio.lastCodeSentTo(phone).orElseThrow()));
        assertThat(newPassword.hasForm(NEW_PASSWORD_FORM)).as(newPassword.body()).isTrue();
        Page done = browser.submit(newPassword, NEW_PASSWORD_FORM, Map.of("password-new", "N3w-passw0rd!", "password-confirm", "N3w-passw0rd!"));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();

        LoginBrowser later = env.newBrowser();
        Page secondFactor = later.signIn(later.openLogin(RuleRealms.TRUSTING, RealmJson.CLIENT_ID), user, "N3w-passw0rd!");
        assertThat(secondFactor.hasForm(CODE_FORM)).as("the new password is the password now").isTrue();
    }

    @Test
    void anUnknownNameAnAccountWithoutANumberAndOneWithANumberSeeTheSamePage() throws Exception {
        String withPhone = newUser(RuleRealms.TRUSTING, TestUsers.newUsNumber());
        String withoutPhone = newUser(RuleRealms.TRUSTING, null);

        String known = pageText(forgotPassword(RuleRealms.TRUSTING, withPhone));
        browser = env.newBrowser();
        String noPhone = pageText(forgotPassword(RuleRealms.TRUSTING, withoutPhone));
        browser = env.newBrowser();
        String unknown = pageText(forgotPassword(RuleRealms.TRUSTING, "nobody-" + UUID.randomUUID()));

        assertThat(noPhone).isEqualTo(known);
        assertThat(unknown).isEqualTo(known);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("only the account with a number got a code").isEqualTo(1);
    }

    @Test
    void withoutAVerifiedNumberNoCodeIsEverAcceptedAndResendsLookReal() throws Exception {
        String user = newUser(RuleRealms.TRUSTING, null);
        Page decoy = forgotPassword(RuleRealms.TRUSTING, user);

        Page resent = browser.submit(decoy, CODE_FORM, Map.of("resend", "true"));
        assertThat(resent.text()).contains("A new code is on its way");
        for (String guess : new String[] {"000000", "123456", "999999"}) {
            Page wrong = browser.submit(resent, CODE_FORM, Map.of("code", guess));
            assertThat(wrong.fieldError("code")).as("%s: %s", guess, wrong.text()).contains("not correct");
            assertThat(wrong.hasForm(NEW_PASSWORD_FORM)).isFalse();
            resent = wrong;
        }
        assertThat(twilio.requests()).as("nothing was sent, nothing checked").isEmpty();
    }

    @Test
    void skipWithoutALaterStepThatProvesIdentityRefusesEveryResetAlikeInsteadOfTrustingAUsername() throws Exception {
        // This realm's reset flow is Choose user, Twilio OTP (skip), Reset password: no email link after the step.
        String withoutPhone = newUser(RuleRealms.VERIFYING, TestUsers.newUsNumber()); // a number this realm has not verified
        String withPhone = TestUsers.newUserWithPhones(admin, RuleRealms.VERIFYING, TestUsers.newUsNumber());

        String refused = pageText(forgotPassword(RuleRealms.VERIFYING, withoutPhone));
        browser = env.newBrowser();
        Page refusedToo = forgotPassword(RuleRealms.VERIFYING, withPhone);

        assertThat(refused).startsWith("503|").contains("not set up correctly").doesNotContain(NEW_PASSWORD_FORM);
        assertThat(pageText(refusedToo)).isEqualTo(refused);
        assertThat(twilio.requests()).isEmpty();
    }

    private String newUser(String realm, String phone) {
        return TestUsers.newUser(admin, realm, phone);
    }

    private Page forgotPassword(String realm, String username) throws Exception {
        return browser.forgotPassword(realm, RealmJson.CLIENT_ID, username);
    }

    /** What a person sees: the text of the page, and which form and buttons it has. */
    private static String pageText(Page page) {
        return page.status() + "|" + page.text() + "|" + page.document().select("form[id], button[name]").eachAttr("id")
                + page.document().select("button[name]").eachAttr("name");
    }
}
