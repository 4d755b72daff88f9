package io.github.kctwilio.otp.it;

import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.RealmJson;
import java.util.HashMap;
import java.util.Map;

/**
 * Two realms with a "forgot password" flow through the Twilio step, differing in the realm's phone-number rules:
 * one trusts numbers it never verified and refuses resets without a verified number; the other verifies numbers
 * once, only allows US numbers and lets resets without a verified number skip the step. Plus a realm whose step
 * does not let users add a number, and one with the step behind "Condition - user configured". Created on first
 * use through the admin API, like an admin would, so the shared server's other realms stay as they are.
 */
final class RuleRealms {

    static final String TRUSTING = "otp-rules-trust";
    static final String VERIFYING = "otp-rules-verify";
    /** The realm enables "Verify phone number", but its step does not let users add a number ("allowPhoneSetup" off). */
    static final String NO_SETUP_STEP = "otp-rules-nosetup";
    /**
     * Users may edit their phone attribute themselves (as a realm with phone signup must); the realm trusts existing
     * numbers; admins may write undeclared attributes (as the attribute-based versions of the plugin did).
     */
    static final String SELF_EDIT = "otp-rules-selfedit";
    /** "One account per phone number" on; the realm trusts existing numbers, which users cannot edit. */
    static final String ONE_PER_NUMBER_TRUSTING = "otp-rules-one-trust";
    /** "One account per phone number" on; users may edit their phone attribute, so it is proved by a code. */
    static final String ONE_PER_NUMBER_SELF_EDIT = "otp-rules-one-selfedit";
    /** The step behind "Condition - user configured"; the realm offers the action too. */
    static final String CONDITIONAL = "otp-conditional";

    private static final Map<String, String> STEP = Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "sendLimitPerIp", "0");

    RuleRealms(AdminApi admin) {
        ensure(admin, TRUSTING, Map.of("resetWithoutPhone", "refuse"), Map.of("existingNumbers", "trust"));
        ensure(admin, VERIFYING, Map.of("resetWithoutPhone", "skip"), Map.of("existingNumbers", "verify", "allowedCountries", "US"));
        ensure(admin, NO_SETUP_STEP, Map.of("allowPhoneSetup", "false"), Map.of());
        if (ensure(admin, SELF_EDIT, Map.of(), Map.of("existingNumbers", "trust"))) {
            admin.letUsersEdit(SELF_EDIT, "phoneNumber");
            admin.unmanagedAttributes(SELF_EDIT, "ADMIN_EDIT");
        }
        ensure(admin, ONE_PER_NUMBER_TRUSTING, Map.of(), Map.of("existingNumbers", "trust", "oneAccountPerNumber", "true"));
        if (ensure(admin, ONE_PER_NUMBER_SELF_EDIT, Map.of(), Map.of("existingNumbers", "trust", "oneAccountPerNumber", "true"))) {
            admin.letUsersEdit(ONE_PER_NUMBER_SELF_EDIT, "phoneNumber");
        }
        if (admin.createRealmIfAbsent(RealmJson.conditionalRealm(CONDITIONAL, STEP))) {
            admin.declarePhoneAttributes(CONDITIONAL, "phoneNumber", "phoneNumberVerified");
            admin.enableVerifyPhoneAction(CONDITIONAL, STEP);
        }
    }

    /** Creates the realm, with a reset flow, unless it exists; true when it created it. */
    private static boolean ensure(AdminApi admin, String realm, Map<String, String> stepOnly, Map<String, String> rules) {
        Map<String, String> step = new HashMap<>(STEP);
        step.putAll(stepOnly);
        if (!admin.createRealmIfAbsent(RealmJson.withResetFlow(RealmJson.twilioRealm(realm, step)))) {
            return false;
        }
        admin.declarePhoneAttributes(realm, "phoneNumber", "phoneNumberVerified");
        Map<String, String> action = new HashMap<>(STEP);
        action.putAll(rules);
        admin.enableVerifyPhoneAction(realm, action);
        return true;
    }
}
