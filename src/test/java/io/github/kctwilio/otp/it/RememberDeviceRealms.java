package io.github.kctwilio.otp.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.FlowJson;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.StepUpRealm;
import java.util.HashMap;
import java.util.Map;

/**
 * Realms whose Twilio OTP steps remember devices for {@value #DAYS} days, created once per run through the admin API:
 * two-factor sign-in with the same step (same settings) in a password reset and, for {@value #STEP_UP_CLIENT}, in a
 * Level of Authentication step-up; phone sign-in before a password step; phone sign-in alone.
 */
final class RememberDeviceRealms {

    static final String TWO_FACTOR = "otp-remember";
    static final String PHONE_THEN_PASSWORD = "otp-remember-phone-password";
    static final String PHONE_ONLY = "otp-remember-phone-only";
    /** The step behind "Condition - user configured" in a sub-flow, the password form in the parent flow (Keycloak's own shape). */
    static final String CONDITIONAL = "otp-remember-conditional";
    /** A username form (no password), then the step: the code is the only factor. */
    static final String USERNAME_ONLY = "otp-remember-username";
    /** A client of {@link #TWO_FACTOR} whose browser flow is the step-up flow (password = silver, code = gold). */
    static final String STEP_UP_CLIENT = "step-up-app";
    static final String FORGET_DEVICES = "twilio-forget-devices";

    static final int DAYS = 30;
    /** Every sign-in of these tests comes from 127.0.0.1: no per-address cap, no cooldown. */
    static final Map<String, String> STEP = Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "sendLimitPerIp", "0",
            "rememberDeviceDays", Integer.toString(DAYS));

    private static final String STEP_UP_FLOW_ID = "otp-remember-step-up-flow";

    RememberDeviceRealms(AdminApi admin) {
        ObjectNode twoFactor = RealmJson.withResetFlow(RealmJson.twilioRealm(TWO_FACTOR, STEP));
        StepUpRealm.addLevels(twoFactor, STEP_UP_FLOW_ID);
        ObjectNode stepUpClient = ((ArrayNode) twoFactor.get("clients")).addObject()
                .put("clientId", STEP_UP_CLIENT).put("enabled", true).put("publicClient", true)
                .put("standardFlowEnabled", true).put("directAccessGrantsEnabled", false);
        stepUpClient.putArray("redirectUris").add(LoginBrowser.REDIRECT_URI);
        stepUpClient.putObject("authenticationFlowBindingOverrides").put("browser", STEP_UP_FLOW_ID);
        if (createWithPhoneAction(admin, twoFactor)) {
            admin.enableRequiredAction(TWO_FACTOR, FORGET_DEVICES, "Forget remembered devices");
        }
        createWithPhoneAction(admin, RealmJson.conditionalRealm(CONDITIONAL, STEP));
        ObjectNode usernameOnly = RealmJson.twilioRealm(USERNAME_ONLY, STEP);
        for (JsonNode flow : usernameOnly.get("authenticationFlows")) {
            for (JsonNode execution : flow.path("authenticationExecutions")) {
                if ("auth-username-password-form".equals(execution.path("authenticator").asText())) {
                    ((ObjectNode) execution).put("authenticator", "auth-username-form");
                }
            }
        }
        createWithPhoneAction(admin, usernameOnly);
        Map<String, String> phoneStep = new HashMap<>(PhoneLoginRealms.STEP);
        phoneStep.put("rememberDeviceDays", Integer.toString(DAYS));
        PhoneLoginRealms.ensure(admin, PHONE_THEN_PASSWORD, true, phoneStep, forms -> {
            FlowJson.execution(forms, "twilio-otp-phone-login", "REQUIRED", 10);
            FlowJson.execution(forms, "auth-password-form", "REQUIRED", 20);
        });
        PhoneLoginRealms.ensure(admin, PHONE_ONLY, true, phoneStep,
                forms -> FlowJson.execution(forms, "twilio-otp-phone-login", "REQUIRED", 10));
    }

    /** Creates the realm unless it exists, with the phone attributes declared and "Verify phone number" on; true when created. */
    private static boolean createWithPhoneAction(AdminApi admin, ObjectNode realm) {
        if (!admin.createRealmIfAbsent(realm)) {
            return false;
        }
        String name = realm.path("realm").asText();
        admin.declarePhoneAttributes(name, "phoneNumber", "phoneNumberVerified");
        admin.enableVerifyPhoneAction(name, Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "sendLimitPerIp", "0"));
        return true;
    }
}
