package io.github.kctwilio.otp.testsupport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A realm with self-registration through a copy of Keycloak's registration flow that has the form action
 * "Twilio OTP: phone number at signup" right after "Registration User Profile Creation".
 */
public final class SignupRealm {

    public static final String REGISTRATION_FLOW = "registration-twilio";
    public static final String FORM_ACTION = "twilio-otp-registration";

    private SignupRealm() {
    }

    /**
     * @param signupSettings settings of the form action (empty: a number is required, region from the required action)
     */
    public static ObjectNode create(String realm, Map<String, String> signupSettings) {
        ObjectNode root = RealmJson.twilioRealm(realm, Map.of());
        // Sign-in is Keycloak's built-in password-only flow: what keeps a new account out until its number is verified
        // must be the required action alone, not a second factor at login.
        root.put("browserFlow", "browser");
        return addRegistration(root, signupSettings);
    }

    /** Self-registration through the registration flow with our form action, added to a realm built here. */
    public static ObjectNode addRegistration(ObjectNode root, Map<String, String> signupSettings) {
        root.put("registrationAllowed", true).put("registrationFlow", REGISTRATION_FLOW);
        root.withArray("enabledEventTypes").add("REGISTER").add("REGISTER_ERROR");
        ArrayNode top = FlowJson.flow(root, REGISTRATION_FLOW, "basic-flow", true);
        FlowJson.subflow(top, "REQUIRED", 10, REGISTRATION_FLOW + " form", "registration-page-form");
        ArrayNode form = FlowJson.flow(root, REGISTRATION_FLOW + " form", "form-flow", false);
        FlowJson.execution(form, "registration-user-creation", "REQUIRED", 20);
        // After the user creation: Keycloak runs the form actions' success() in this order, and ours needs the new account.
        FlowJson.execution(root, form, FORM_ACTION, "REQUIRED", 25, "signup-phone", signupSettings);
        FlowJson.execution(form, "registration-password-action", "REQUIRED", 50);
        return root;
    }
}
