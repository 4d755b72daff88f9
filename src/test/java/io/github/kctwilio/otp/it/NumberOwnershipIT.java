package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a number becomes an account's phone at the login step keeps the realm rule "One account per phone
 * number": a number proved by a code to the account's attribute, and a trusted attribute taken over without a code.
 * Phone sign-in relies on it (a number two accounts hold signs nobody in), so a second holder would take the sign-in
 * away from the first. And when the first code to the attribute's number is refused, the number the user then types is
 * the one proved. Real Keycloak, over HTTP.
 */
class NumberOwnershipIT extends KeycloakITBase {

    @BeforeEach
    void ruleRealms() {
        new RuleRealms(admin);
    }

    @Test
    void aNumberProvedByCodeAtTheStepIsNotRecordedWhenAnotherAccountHoldsItAndEnrolmentSaysWhy() throws Exception {
        String realm = RuleRealms.ONE_PER_NUMBER_SELF_EDIT;
        String taken = TestUsers.newUsNumber();
        String holder = newUserWithPhones(realm, taken);
        String user = newUser(realm, taken); // typed into the profile: proved by a code before it counts

        Page code = browser.signIn(realm, user);
        assertThat(code.hasForm(CODE_FORM)).as(code.body()).isTrue();
        Page next = browser.enterCode(code, codeFor(taken));

        assertThat(next.loggedIn()).as(next.toString()).isFalse();
        assertThat(next.hasForm(PHONE_FORM)).as("the required action asks for another number: " + next.body()).isTrue();
        assertThat(next.fieldError("phoneNumber")).contains("already used by another account");
        assertThat(next.document().selectFirst("input[name=phoneNumber]").val()).as("not offered again").isEmpty();
        assertThat(admin.phoneCredentials(realm, userId(realm, user))).isEmpty();
        assertThat(admin.phoneCredentials(realm, userId(realm, holder))).hasSize(1);
        assertThat(admin.events(realm, userId(realm, user)).toString()).contains("twilio_number_taken");

        String own = TestUsers.newUsNumber();
        Page done = browser.enterCode(browser.enterPhone(next, own), codeFor(own));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(admin.phoneCredentials(realm, userId(realm, user))).singleElement()
                .satisfies(c -> assertThat(c.path("credentialData").asText()).as("the masked number").contains(own.substring(8) + "\""));
    }

    @Test
    void aTrustedAttributeNumberAnotherAccountHoldsIsNotTakenOverAndGetsNoCode() throws Exception {
        String realm = RuleRealms.ONE_PER_NUMBER_TRUSTING;
        String taken = TestUsers.newUsNumber();
        String holder = newUserWithPhones(realm, taken);
        String user = newUser(realm, taken); // set by an admin; users cannot edit it in this realm

        Page next = browser.signIn(realm, user);

        assertThat(next.hasForm(PHONE_FORM)).as(next.body()).isTrue();
        assertThat(next.fieldError("phoneNumber")).contains("already used by another account");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("no code to the other account's phone").isZero();
        assertThat(admin.phoneCredentials(realm, userId(realm, user))).isEmpty();
        assertThat(admin.phoneCredentials(realm, userId(realm, holder))).hasSize(1);
    }

    @Test
    void aNumberTypedAfterTheAttributesNumberWasRefusedIsTheOneTheCodeGoesTo() throws Exception {
        String realm = RuleRealms.SELF_EDIT;
        String refused = TestUsers.newUsNumber();
        String user = newUser(realm, refused);
        twilio.failNext(400, 60200); // Twilio: not a number it can send to

        Page phoneForm = browser.signIn(realm, user);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
        String typed = TestUsers.newUsNumber();
        Page code = browser.enterPhone(phoneForm, typed);

        assertThat(code.hasForm(CODE_FORM)).as(code.body()).isTrue();
        assertThat(twilio.lastCodeSentTo(typed)).as("the typed number, not the attribute's again").isPresent();
        Page done = browser.enterCode(code, codeFor(typed));
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(admin.phoneCredentials(realm, userId(realm, user))).singleElement()
                .satisfies(c -> assertThat(c.path("credentialData").asText()).as("the masked number").contains(typed.substring(8) + "\""));
    }
}
