package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static io.github.kctwilio.otp.testsupport.LoginBrowser.PHONE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.PrometheusText;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.SignupRealm;
import io.github.kctwilio.otp.testsupport.StepUpRealm;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import io.github.kctwilio.otp.testsupport.TestUsers;
import io.github.kctwilio.otp.testsupport.UserProfiles;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Twilio Lookup before a send, in a real Keycloak with the emulator's Lookup v2: a VoIP number is refused at enrolment
 * and at signup without a Verify request, a number is looked up once for every account, an ordinary sign-in asks
 * Lookup nothing, Lookup down follows the realm's failure rule, and a recent SIM swap stops reset and step-up codes
 * (the reset page staying the decoy's, in content and in time).
 */
class LookupIT extends KeycloakITBase {

    /** Two-factor sign-in, enrolment, signup and a reset flow; Lookup on with a SIM swap check of 24 hours. */
    private static final String REALM = "otp-lookup";
    /** As {@link #REALM}, but Lookup failures refuse the code. */
    private static final String REALM_REFUSE = "otp-lookup-refuse";
    /** Step-up (password is silver, the code gold), Lookup on with a SIM swap check of 24 hours. */
    private static final String REALM_STEP_UP = "otp-lookup-stepup";

    private static final Map<String, String> STEP = Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "sendLimitPerIp", "0",
            "resetWithoutPhone", "refuse");
    private static final String LINE_TYPE_MESSAGE = "This kind of number cannot receive codes. Use a mobile number.";
    private static final String SIM_SWAP_MESSAGE = "For your security, a code cannot be sent to this number right now.";
    private static final String LOOKUPS = "twilio_otp_lookups_total";

    @BeforeAll
    static void lookupRealms() {
        AdminApi admin = TestEnvironment.get().admin();
        Map<String, String> lookup = Map.of("lookupEnabled", "true", "lookupSimSwapPeriod", "24h");
        ObjectNode realm = SignupRealm.addRegistration(RealmJson.withResetFlow(RealmJson.twilioRealm(REALM, STEP)), Map.of());
        realm.withArray("enabledEventTypes").add("RESET_PASSWORD_ERROR");
        if (create(admin, realm, lookup)) {
            UserProfiles.phoneEditableAtSignup(admin, REALM);
        }
        create(admin, RealmJson.twilioRealm(REALM_REFUSE, STEP), Map.of("lookupEnabled", "true", "lookupFailure", "refuse"));
        create(admin, StepUpRealm.create(REALM_STEP_UP, STEP), lookup);
    }

    /** Creates the realm unless it exists, with "Verify phone number" under the step's settings plus these rules. */
    private static boolean create(AdminApi admin, ObjectNode realm, Map<String, String> rules) {
        String name = realm.get("realm").asText();
        if (!admin.createRealmIfAbsent(realm)) {
            return false;
        }
        admin.declarePhoneAttributes(name, "phoneNumber", "phoneNumberVerified");
        Map<String, String> action = new HashMap<>(STEP);
        action.remove("resetWithoutPhone");
        action.putAll(rules);
        admin.enableVerifyPhoneAction(name, action);
        return true;
    }

    @Test
    void aVoipNumberIsRefusedAtEnrolmentWithoutAVerifyRequestAndLookedUpOnceForEveryAccount() throws Exception {
        String voip = TestUsers.newUsNumber();
        twilio.lookup().lineType(voip, "nonFixedVoip");
        PrometheusText before = metrics();
        String first = newUser(REALM, null);

        Page refused = browser.enterPhone(browser.signIn(REALM, first), voip);

        assertThat(refused.hasForm(PHONE_FORM)).as(refused.body()).isTrue();
        assertThat(refused.fieldError("phoneNumber")).contains(LINE_TYPE_MESSAGE);
        assertThat(twilio.count(RequestKind.LOOKUP)).isEqualTo(1);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("a refused number costs no Verify request").isZero();
        assertThat(twilio.requests().get(0).queryParam("Fields")).isEqualTo("line_type_intelligence");
        JsonNode details = errorEvent(REALM, first, "twilio_lookup_refused").path("details");
        assertThat(details.path("twilio_lookup_reason").asText()).isEqualTo("line_type");
        assertThat(details.path("twilio_lookup").asText()).isEqualTo("lineType=nonFixedVoip");
        assertThat(details.toString()).doesNotContain(voip);

        // Another account, another browser, the same number: the answer kept in the cluster-wide store decides.
        LoginBrowser second = env.newBrowser();
        Page again = second.enterPhone(second.signIn(REALM, newUser(REALM, null)), voip);
        assertThat(again.fieldError("phoneNumber")).contains(LINE_TYPE_MESSAGE);
        assertThat(twilio.count(RequestKind.LOOKUP)).as("no second Lookup for the same number").isEqualTo(1);

        // A mobile number then: one Lookup, one code.
        String mobile = TestUsers.newUsNumber();
        Page codeForm = second.enterPhone(again, mobile);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(second.enterCode(codeForm, codeFor(mobile)).loggedIn()).isTrue();
        assertThat(twilio.count(RequestKind.LOOKUP)).isEqualTo(2);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        PrometheusText after = metrics();
        assertThat(after.value(LOOKUPS, Map.of("packages", "line_type_intelligence", "outcome", "answered"))
                - before.value(LOOKUPS, Map.of("packages", "line_type_intelligence", "outcome", "answered"))).isEqualTo(2);
    }

    /** The figures of the issue: Lookup requests per enrolment of a new number (target at most 1), per sign-in (0). */
    @Test
    void anEnrolmentAsksLookupOnceAndOrdinarySignInsNever() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUser(REALM, null);
        Page codeForm = browser.enterPhone(browser.signIn(REALM, user), phone);
        TestUsers.typingPause();
        Page wrong = browser.enterCode(codeForm, TestUsers.otherCodeThan(codeFor(phone)));
        Page resent = browser.submit(wrong, CODE_FORM, Map.of("resend", "true"));
        TestUsers.typingPause();
        assertThat(browser.enterCode(resent, codeFor(phone)).loggedIn()).isTrue();
        long perEnrolment = twilio.count(RequestKind.LOOKUP);

        int signIns = 3;
        for (int i = 0; i < signIns; i++) {
            LoginBrowser later = env.newBrowser();
            assertThat(later.enterCode(later.signIn(REALM, user), codeFor(phone)).loggedIn()).isTrue();
        }
        long perSignIn = (twilio.count(RequestKind.LOOKUP) - perEnrolment) / signIns;

        System.out.printf("Lookup requests: %d per enrolment of a new number (a wrong code and a resend included), "
                + "%d per ordinary sign-in (%d sign-ins)%n", perEnrolment, perSignIn, signIns);
        assertThat(perEnrolment).isEqualTo(1);
        assertThat(twilio.count(RequestKind.LOOKUP)).as("no Lookup at any ordinary sign-in").isEqualTo(perEnrolment);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2 + signIns);
    }

    @Test
    void aVoipNumberIsRefusedAtSignupWithoutAVerifyRequest() throws Exception {
        String voip = TestUsers.newUsNumber();
        twilio.lookup().lineType(voip, "nonFixedVoip");

        Page phoneForm = browser.register(REALM, "signup-" + UUID.randomUUID().toString().substring(0, 8), voip);
        assertThat(phoneForm.hasForm(PHONE_FORM)).as(phoneForm.body()).isTrue();
        assertThat(twilio.requests()).as("the registration page itself asks Twilio nothing").isEmpty();
        Page refused = browser.enterPhone(phoneForm, voip);

        assertThat(refused.hasForm(PHONE_FORM)).as(refused.body()).isTrue();
        assertThat(refused.fieldError("phoneNumber")).contains(LINE_TYPE_MESSAGE);
        assertThat(twilio.count(RequestKind.LOOKUP)).isEqualTo(1);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isZero();
    }

    @Test
    void lookupDownLetsTheCodeGoWithOneLogLineForTheAdmin() throws Exception {
        String phone = TestUsers.newUsNumber();
        int logBefore = env.keycloak().log().length();
        twilio.lookup().failNext(503, 20503);

        Page codeForm = browser.enterPhone(browser.signIn(REALM, newUser(REALM, null)), phone);

        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(twilio.count(RequestKind.LOOKUP)).isEqualTo(1);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        String log = env.keycloak().log().substring(logBefore);
        assertThat(log).contains("Twilio OTP: Twilio Lookup failed in realm " + REALM + " (enrolment); the code is sent anyway "
                + "(lookupFailure allow): Lookup UNAVAILABLE (http=503, twilioCode=20503)");
        assertThat(log).doesNotContain(phone).doesNotContain(phone.substring(1));
    }

    @Test
    void lookupDownRefusesTheCodeWhereTheRealmSaysSo() throws Exception {
        String phone = TestUsers.newUsNumber();
        twilio.lookup().failNext(503, 20503);

        Page refused = browser.enterPhone(browser.signIn(REALM_REFUSE, newUser(REALM_REFUSE, null)), phone);

        assertThat(refused.hasForm(PHONE_FORM)).as(refused.body()).isTrue();
        assertThat(refused.text()).contains("We could not reach the verification service");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isZero();
        // Lookup back: the same number goes through.
        Page codeForm = browser.enterPhone(refused, phone);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(twilio.count(RequestKind.LOOKUP)).isEqualTo(2);
    }

    /**
     * A reset for an account whose SIM was swapped an hour ago: no code, and the same pages as for a name that matches no
     * account (first page, resend), taking as long: the decoy waits as long as Lookup and Verify take on this node.
     */
    @Test
    void aRecentSimSwapStopsTheResetCodeAndThePagesStayTheDecoys() throws Exception {
        Duration lookupTime = Duration.ofMillis(300);
        Duration verifyTime = Duration.ofMillis(300);
        twilio.lookup().delayEvery(lookupTime);
        twilio.delayEvery(verifyTime);
        // Resets of ordinary accounts first, at this pace, as on any node in service: the decoys follow the recent ones.
        for (int i = 0; i < 5; i++) {
            Page page = env.newBrowser().forgotPassword(REALM, newUserWithPhones(REALM, TestUsers.newUsNumber()));
            assertThat(page.hasForm(CODE_FORM)).as(page.body()).isTrue();
        }
        long lookupsBefore = twilio.count(RequestKind.LOOKUP);
        long sendsBefore = twilio.count(RequestKind.CREATE_VERIFICATION);
        String phone = TestUsers.newUsNumber();
        String swapped = newUserWithPhones(REALM, phone);
        twilio.lookup().simSwappedAgo(phone, Duration.ofHours(1));

        PageSequence real = resetWalk(swapped);
        PageSequence decoy = resetWalk("nobody-" + UUID.randomUUID().toString().substring(0, 8));

        assertThat(real.pages).hasSize(2);
        assertThat(real.pages.get(0)).contains("If this account has a verified phone number");
        for (int step = 0; step < real.pages.size(); step++) {
            assertThat(real.pages.get(step)).as("step %d", step).isEqualTo(decoy.pages.get(step));
        }
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION) - sendsBefore).as("no code to the swapped SIM").isZero();
        assertThat(twilio.count(RequestKind.LOOKUP) - lookupsBefore).as("one Lookup, the real account's").isEqualTo(1);
        assertThat(twilio.requests().stream().filter(r -> r.kind() == RequestKind.LOOKUP).reduce((a, b) -> b).orElseThrow()
                .queryParam("Fields")).isEqualTo("sim_swap");
        assertThat(errorEvent(REALM, swapped, "twilio_sim_swap").path("details").path("twilio_lookup_reason").asText()).isEqualTo("sim_swap");
        System.out.printf("Reset after a SIM swap: first page %d ms (account) / %d ms (no account)%n", real.millis.get(0), decoy.millis.get(0));
        // A sleep cannot end early: the decoy's first page waited as a Lookup and a Verify request would.
        assertThat(decoy.millis.get(0)).isGreaterThanOrEqualTo(lookupTime.plus(verifyTime).toMillis());
    }

    @Test
    void aRecentSimSwapStopsTheStepUpCodeWithTheSecurityMessage() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(REALM_STEP_UP, phone);
        twilio.lookup().simSwappedAgo(phone, Duration.ofHours(3));
        assertThat(browser.signIn(REALM_STEP_UP, user).loggedIn()).as("silver: the password alone").isTrue();
        assertThat(twilio.count(RequestKind.LOOKUP)).as("no Lookup for the password level").isZero();

        Page gold = browser.openLogin(REALM_STEP_UP, RealmJson.CLIENT_ID, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);

        assertThat(gold.text()).contains(SIM_SWAP_MESSAGE);
        assertThat(gold.hasForm(CODE_FORM)).isFalse();
        assertThat(gold.loggedIn()).isFalse();
        assertThat(twilio.count(RequestKind.LOOKUP)).isEqualTo(1);
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isZero();
        assertThat(errorEvent(REALM_STEP_UP, user, "twilio_sim_swap").path("details").path("twilio_lookup").asText())
                .startsWith("simSwap ");
    }

    @Test
    void aStepUpToASimThatDidNotChangeGetsItsCodeAfterOneLookup() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = newUserWithPhones(REALM_STEP_UP, phone);
        browser.signIn(REALM_STEP_UP, user);

        Page codeForm = browser.openLogin(REALM_STEP_UP, RealmJson.CLIENT_ID, "&acr_values=" + StepUpRealm.LEVEL_2_ACR);

        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(browser.enterCode(codeForm, codeFor(phone)).loggedIn()).isTrue();
        assertThat(twilio.count(RequestKind.LOOKUP)).isEqualTo(1);
        assertThat(twilio.requests().get(0).queryParam("Fields")).isEqualTo("sim_swap");
    }

    /** "Forgot password" for this name, then a resend: the pages, and how long each took. */
    private PageSequence resetWalk(String username) throws Exception {
        LoginBrowser fresh = env.newBrowser();
        PageSequence sequence = new PageSequence();
        long started = System.nanoTime();
        Page page = fresh.forgotPassword(REALM, username);
        sequence.add(page, started);
        started = System.nanoTime();
        sequence.add(fresh.submit(page, CODE_FORM, Map.of("resend", "true")), started);
        return sequence;
    }

    /** The user's newest error event with this error. */
    private JsonNode errorEvent(String realm, String username, String error) {
        return StreamSupport.stream(admin.events(realm, userId(realm, username)).spliterator(), false)
                .filter(e -> error.equals(e.path("error").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + error + " event for " + username));
    }
}
