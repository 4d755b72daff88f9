package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's phone-number paths in a real Keycloak: the required action set by an admin, a change of number through
 * {@code kc_action}, the realm's rules for numbers we never verified, and the allowed-country list.
 */
class PhoneNumbersIT extends KeycloakITBase {

    @BeforeEach
    void ruleRealms() {
        new RuleRealms(admin);
    }

    @Test
    void requiredActionSetByAnAdminAsksAUserWithoutANumberForOne() throws Exception {
        String user = newUser(RuleRealms.CONDITIONAL, null); // no number: the conditional code step is skipped
        admin.requireAction(RuleRealms.CONDITIONAL, userId(RuleRealms.CONDITIONAL, user), AdminApi.VERIFY_PHONE_ACTION);

        Page phoneForm = browser.signIn(RuleRealms.CONDITIONAL, user);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
        String phone = TestUsers.newUsNumber();
        Page done = browser.enterCode(browser.enterPhone(phoneForm, phone), codeFor(phone));

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(attribute(RuleRealms.CONDITIONAL, user, "phoneNumber")).isEqualTo(phone);
        assertThat(attribute(RuleRealms.CONDITIONAL, user, "phoneNumberVerified")).isEqualTo("true");
        assertThat(admin.user(RuleRealms.CONDITIONAL, userId(RuleRealms.CONDITIONAL, user)).path("requiredActions")).isEmpty();
    }

    @Test
    void requiredActionSetByAnAdminIsSatisfiedByTheSignInsOwnCodeWithoutASecondSms() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(TestEnvironment.REALM, phone);
        admin.requireAction(TestEnvironment.REALM, userId(TestEnvironment.REALM, user), AdminApi.VERIFY_PHONE_ACTION);

        Page done = browser.enterCode(browser.signIn(TestEnvironment.REALM, user), codeFor(phone));

        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(attribute(TestEnvironment.REALM, user, "phoneNumberVerified")).isEqualTo("true");
        assertThat(admin.user(TestEnvironment.REALM, userId(TestEnvironment.REALM, user)).path("requiredActions")).isEmpty();
    }

    @Test
    void withSetupOffAUserWithoutANumberIsToldToContactTheAdministratorAndNothingIsSent() throws Exception {
        String user = newUser(RuleRealms.NO_SETUP_STEP, null);

        Page page = browser.signIn(RuleRealms.NO_SETUP_STEP, user);

        assertThat(page.text()).contains("Please contact your administrator");
        assertThat(page.hasForm(PHONE_FORM)).isFalse();
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void kcActionChangesTheNumberOnlyOnApprovalAndTheOldOneStaysUntilThen() throws Exception {
        String oldPhone = TestUsers.newUsNumber();
        String newPhone = TestUsers.newUsNumber();
        String user = newUser(TestEnvironment.REALM, oldPhone);

        Page login = browser.openLogin(TestEnvironment.REALM, RealmJson.CLIENT_ID, "&kc_action=" + AdminApi.VERIFY_PHONE_ACTION);
        Page phoneForm = browser.enterCode(browser.signIn(login, user, TestUsers.PASSWORD), codeFor(oldPhone));
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
        assertThat(phoneForm.document().getElementById("kc-twilio-otp-cancel")).as("an application's request may be declined").isNotNull();

        Page codeForm = browser.enterPhone(phoneForm, newPhone);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(attribute(TestEnvironment.REALM, user, "phoneNumber")).as("old number in force while the new one is unproven")
                .isEqualTo(oldPhone);

        Page wrong = browser.enterCode(codeForm, TestUsers.otherCodeThan(codeFor(newPhone)));
        assertThat(wrong.fieldError("code")).contains("not correct");
        assertThat(attribute(TestEnvironment.REALM, user, "phoneNumber")).isEqualTo(oldPhone);

        Page done = browser.enterCode(wrong, codeFor(newPhone));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(attribute(TestEnvironment.REALM, user, "phoneNumber")).isEqualTo(newPhone);
        assertThat(attribute(TestEnvironment.REALM, user, "phoneNumberVerified")).isEqualTo("true");
    }

    @Test
    void kcActionDeclinedKeepsTheOldNumber() throws Exception {
        String oldPhone = TestUsers.newUsNumber();
        String user = newUser(TestEnvironment.REALM, oldPhone);
        Page login = browser.openLogin(TestEnvironment.REALM, RealmJson.CLIENT_ID, "&kc_action=" + AdminApi.VERIFY_PHONE_ACTION);
        Page phoneForm = browser.enterCode(browser.signIn(login, user, TestUsers.PASSWORD), codeFor(oldPhone));

        Page declined = browser.submit(phoneForm, PHONE_FORM, Map.of("cancel-aia", "true"));

        assertThat(declined.loggedIn()).as(declined.toString()).isTrue();
        assertThat(declined.redirectedTo()).contains("kc_action_status=cancelled");
        assertThat(attribute(TestEnvironment.REALM, user, "phoneNumber")).isEqualTo(oldPhone);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("only the sign-in's code").isEqualTo(1);
    }

    @Test
    void anImportedNumberIsTrustedForAPasswordResetWhenTheRealmTrustsExistingNumbers() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(RuleRealms.TRUSTING, phone); // set by an admin, never verified by us

        Page codeForm = browser.forgotPassword(RuleRealms.TRUSTING, user);

        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(twilio.requests().get(0).param("To")).isEqualTo(phone);
    }

    @Test
    void anImportedNumberMustBeVerifiedOnceAtTheNextSignInWhenTheRealmSaysSo() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(RuleRealms.VERIFYING, phone);

        browser.forgotPassword(RuleRealms.VERIFYING, user);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("unverified: no code for a reset").isZero();
        assertThat(admin.phoneCredentials(RuleRealms.VERIFYING, admin.userIdByName(RuleRealms.VERIFYING, user))).isEmpty();

        Page done = browser.enterCode(browser.signIn(RuleRealms.VERIFYING, user), codeFor(phone));
        assertThat(done.loggedIn()).as("the sign-in itself verifies the number: %s", done).isTrue();
        assertThat(attribute(RuleRealms.VERIFYING, user, "phoneNumberVerified")).isEqualTo("true");
        assertThat(admin.phoneCredentials(RuleRealms.VERIFYING, admin.userIdByName(RuleRealms.VERIFYING, user))).as("verified now")
                .singleElement().satisfies(c -> assertThat(c.path("credentialData").asText()).contains("\"CODE\""));
    }

    @Test
    void aNumberChangedByAnAdminLosesItsVerificationAndTheVerifiedFlagDrops() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(RuleRealms.VERIFYING, phone);
        assertThat(browser.enterCode(browser.signIn(RuleRealms.VERIFYING, user), codeFor(phone)).loggedIn()).isTrue();
        assertThat(attribute(RuleRealms.VERIFYING, user, "phoneNumberVerified")).isEqualTo("true");

        admin.setAttribute(RuleRealms.VERIFYING, userId(RuleRealms.VERIFYING, user), "phoneNumber", TestUsers.newUsNumber());
        assertThat(attribute(RuleRealms.VERIFYING, user, "phoneNumberVerified")).as("Keycloak leaves the flag as it was").isEqualTo("true");

        assertThat(resetSends(user)).as("the flag said true, but for another number").isZero();
        assertThat(attribute(RuleRealms.VERIFYING, user, "phoneNumberVerified")).as("corrected when the plugin met the number")
                .isEqualTo("false");
    }

    /** Codes a password reset sends to this user's number. */
    private long resetSends(String user) throws Exception {
        twilio.reset();
        browser = env.newBrowser();
        browser.forgotPassword(RuleRealms.VERIFYING, user);
        return twilio.count(RequestKind.CREATE_VERIFICATION);
    }

    @Test
    void aNumberOutsideTheAllowedCountriesIsRefusedOnTheFormWithoutATwilioRequest() throws Exception {
        String user = newUser(RuleRealms.VERIFYING, null);
        Page phoneForm = browser.signIn(RuleRealms.VERIFYING, user); // handed to the required action: no number yet
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();

        Page refused = browser.enterPhone(phoneForm, "+49 151 12345678");

        assertThat(refused.hasForm(PHONE_FORM)).isTrue();
        assertThat(refused.fieldError("phoneNumber")).contains("cannot be sent to numbers from this country");
        assertThat(twilio.requests()).isEmpty();

        String usPhone = TestUsers.newUsNumber();
        Page done = browser.enterCode(browser.enterPhone(refused, usPhone), codeFor(usPhone));
        assertThat(done.loggedIn()).isTrue();
    }

    @Test
    void aNumberOnFileOutsideTheAllowedCountriesGetsNoCodeAndTheUserIsAskedForAnother() throws Exception {
        String user = newUser(RuleRealms.VERIFYING, "+4915112345678");

        Page page = browser.signIn(RuleRealms.VERIFYING, user);

        assertThat(page.hasForm(PHONE_FORM)).as(page.body()).isTrue();
        assertThat(page.document().getElementById("phoneNumber").attr("value")).as("not offered for reuse").isEmpty();
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void behindConditionUserConfiguredOnlyUsersWithANumberAreAskedForACode() throws Exception {
        String withPhone = TestUsers.newUsNumber();
        String user = newUser(RuleRealms.CONDITIONAL, withPhone);
        String userWithout = newUser(RuleRealms.CONDITIONAL, null);

        Page codeForm = browser.signIn(RuleRealms.CONDITIONAL, user);
        assertThat(browser.enterCode(codeForm, codeFor(withPhone)).loggedIn()).isTrue();

        browser = env.newBrowser();
        Page noCode = browser.signIn(RuleRealms.CONDITIONAL, userWithout);
        assertThat(noCode.loggedIn()).as("not configured: the conditional sub-flow is skipped, %s", noCode).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
    }
}
