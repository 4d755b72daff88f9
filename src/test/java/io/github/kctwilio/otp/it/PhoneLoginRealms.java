package io.github.kctwilio.otp.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.FlowJson;
import io.github.kctwilio.otp.testsupport.RealmJson;
import java.util.HashMap;
import java.util.Map;

/**
 * Realms whose browser flow starts with "Twilio OTP: sign in with phone number": alone, as an alternative to the
 * username and password form, and followed by a password step; plus one whose realm rules lack "One account per phone
 * number". Created on first use through the admin API, as an admin would.
 */
final class PhoneLoginRealms {

    static final String PHONE_ONLY = "otp-phone-login";
    static final String PHONE_OR_PASSWORD = "otp-phone-or-password";
    static final String PHONE_THEN_PASSWORD = "otp-phone-then-password";
    static final String RULE_OFF = "otp-phone-login-rule-off";

    static final String STEP_CONFIG = "twilio-otp-phone-login";
    /** Every sign-in of these tests comes from 127.0.0.1: no per-address cap, no cooldown. */
    static final Map<String, String> STEP = Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "sendLimitPerIp", "0");

    PhoneLoginRealms(AdminApi admin) {
        ensure(admin, PHONE_ONLY, true, forms -> FlowJson.execution(forms, "twilio-otp-phone-login", "REQUIRED", 10));
        ensure(admin, PHONE_OR_PASSWORD, true, forms -> {
            FlowJson.execution(forms, "auth-username-password-form", "ALTERNATIVE", 10);
            FlowJson.execution(forms, "twilio-otp-phone-login", "ALTERNATIVE", 20);
        });
        ensure(admin, PHONE_THEN_PASSWORD, true, forms -> {
            FlowJson.execution(forms, "twilio-otp-phone-login", "REQUIRED", 10);
            FlowJson.execution(forms, "auth-password-form", "REQUIRED", 20);
        });
        ensure(admin, RULE_OFF, false, forms -> FlowJson.execution(forms, "twilio-otp-phone-login", "REQUIRED", 10));
    }

    interface Forms {
        void fill(ArrayNode executions);
    }

    private static void ensure(AdminApi admin, String realm, boolean oneAccountPerNumber, Forms forms) {
        ensure(admin, realm, oneAccountPerNumber, STEP, forms);
    }

    /** A realm whose forms sub-flow is {@code forms}, phone sign-in with these settings; nothing when it exists. */
    static void ensure(AdminApi admin, String realm, boolean oneAccountPerNumber, Map<String, String> stepConfig, Forms forms) {
        if (admin.send("GET", "/admin/realms", null).body().contains("\"realm\":\"" + realm + "\"")) {
            return;
        }
        ObjectNode json = RealmJson.passwordOnlyRealm(realm);
        for (JsonNode flow : json.get("authenticationFlows")) {
            if (flow.path("alias").asText().equals(RealmJson.FLOW_ALIAS + " forms")) {
                ArrayNode executions = ((ObjectNode) flow).putArray("authenticationExecutions");
                forms.fill(executions);
                executions.forEach(e -> {
                    if (e.path("authenticator").asText().equals("twilio-otp-phone-login")) {
                        ((ObjectNode) e).put("authenticatorConfig", STEP_CONFIG);
                    }
                });
            }
        }
        ObjectNode config = ((ArrayNode) json.get("authenticatorConfig")).addObject().put("alias", STEP_CONFIG);
        stepConfig.forEach(config.putObject("config")::put);
        admin.send("POST", "/admin/realms", json.toString());
        admin.declarePhoneAttributes(realm, "phoneNumber", "phoneNumberVerified");
        Map<String, String> rules = new HashMap<>(STEP);
        if (oneAccountPerNumber) {
            rules.put("oneAccountPerNumber", "true");
        }
        admin.enableVerifyPhoneAction(realm, rules);
    }
}
