package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Forgot password" through the Twilio step in a real Keycloak: a code to the verified number before a new password,
 * and nothing on the page that tells an existing account, one without a number, and no account apart.
 */
class PasswordResetIT extends KeycloakITBase {

    private static final String NEW_PASSWORD_FORM = "kc-passwd-update-form";

    @BeforeEach
    void ruleRealms() {
        new RuleRealms(admin);
    }

    @Test
    void aCodeToTheVerifiedNumberComesBeforeTheNewPassword() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(RuleRealms.TRUSTING, phone);

        Page codeForm = browser.forgotPassword(RuleRealms.TRUSTING, user);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(codeForm.text()).contains("If this account has a verified phone number").doesNotContain(phone.substring(8));

        Page newPassword = browser.enterCode(codeForm, codeFor(phone));
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

        String known = browser.forgotPassword(RuleRealms.TRUSTING, withPhone).asSeen();
        browser = env.newBrowser();
        String noPhone = browser.forgotPassword(RuleRealms.TRUSTING, withoutPhone).asSeen();
        browser = env.newBrowser();
        String unknown = browser.forgotPassword(RuleRealms.TRUSTING, "nobody-" + UUID.randomUUID()).asSeen();

        assertThat(noPhone).isEqualTo(known);
        assertThat(unknown).isEqualTo(known);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("only the account with a number got a code").isEqualTo(1);
    }

    @Test
    void withoutAVerifiedNumberNoCodeIsEverAcceptedAndResendsLookReal() throws Exception {
        String user = newUser(RuleRealms.TRUSTING, null);
        Page decoy = browser.forgotPassword(RuleRealms.TRUSTING, user);

        Page resent = browser.submit(decoy, CODE_FORM, Map.of("resend", "true"));
        assertThat(resent.text()).contains("A new code is on its way");
        for (String guess : new String[] {"000000", "123456", "999999"}) {
            Page wrong = browser.enterCode(resent, guess);
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
        String withPhone = newUserWithPhones(RuleRealms.VERIFYING, TestUsers.newUsNumber());

        String refused = browser.forgotPassword(RuleRealms.VERIFYING, withoutPhone).asSeen();
        browser = env.newBrowser();
        Page refusedToo = browser.forgotPassword(RuleRealms.VERIFYING, withPhone);

        assertThat(refused).startsWith("503|").contains("not set up correctly").doesNotContain(NEW_PASSWORD_FORM);
        assertThat(refusedToo.asSeen()).isEqualTo(refused);
        assertThat(twilio.requests()).isEmpty();
    }
}
