package io.github.kctwilio.otp.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Realm import files with a browser flow of "username and password, then Twilio OTP", built in code so that the
 * test realms and the demo realm differ only in what they set.
 */
public final class RealmJson {

    public static final String CLIENT_ID = "test-app";
    public static final String FLOW_ALIAS = "browser-twilio-otp";
    public static final String CONFIG_ALIAS = "twilio-otp";
    public static final String RESET_FLOW_ALIAS = "reset-twilio-otp";

    /** The languages of our message bundles; the login page offers them all. */
    public static final String[] SUPPORTED_LOCALES = {"en", "de", "fr", "es", "it", "pt-BR", "nl", "pl", "ja", "zh-CN", "tr", "sv"};

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RealmJson() {
    }

    /**
     * A realm whose browser flow is: username and password, then the Twilio OTP step (required).
     *
     * @param realm      realm name
     * @param stepConfig settings of the Twilio OTP execution
     */
    public static ObjectNode twilioRealm(String realm, Map<String, String> stepConfig) {
        ObjectNode root = baseRealm(realm, stepConfig);
        ArrayNode formExecutions = FlowJson.flow(root, FLOW_ALIAS + " forms", "basic-flow", false);
        FlowJson.execution(formExecutions, "auth-username-password-form", "REQUIRED", 10);
        FlowJson.execution(formExecutions, "twilio-otp", "REQUIRED", 20).put("authenticatorConfig", CONFIG_ALIAS);
        return root;
    }

    /**
     * A realm whose second factor is a choice: the Twilio OTP step or Keycloak's authenticator-app OTP form, both
     * ALTERNATIVE, so that "Try another way" appears.
     */
    public static ObjectNode alternativesRealm(String realm, Map<String, String> stepConfig) {
        ObjectNode root = baseRealm(realm, stepConfig);
        ArrayNode secondFactor = passwordThenSecondFactor(root, "REQUIRED");
        FlowJson.execution(secondFactor, "twilio-otp", "ALTERNATIVE", 10).put("authenticatorConfig", CONFIG_ALIAS);
        FlowJson.execution(secondFactor, "auth-otp-form", "ALTERNATIVE", 20);
        return root;
    }

    /** A realm whose browser flow is username and password only: the yardstick of what a second factor adds. */
    public static ObjectNode passwordOnlyRealm(String realm) {
        ObjectNode root = baseRealm(realm, Map.of());
        FlowJson.execution(FlowJson.flow(root, FLOW_ALIAS + " forms", "basic-flow", false), "auth-username-password-form", "REQUIRED", 10);
        return root;
    }

    /** A realm whose browser flow is username and password, then Keycloak's own authenticator-app OTP form (required). */
    public static ObjectNode authenticatorAppRealm(String realm) {
        ObjectNode root = baseRealm(realm, Map.of());
        ArrayNode formExecutions = FlowJson.flow(root, FLOW_ALIAS + " forms", "basic-flow", false);
        FlowJson.execution(formExecutions, "auth-username-password-form", "REQUIRED", 10);
        FlowJson.execution(formExecutions, "auth-otp-form", "REQUIRED", 20);
        return root;
    }

    /** Adds a user to the import, with a password and a phone number (null for none); returns its credentials. */
    public static ArrayNode addUser(ObjectNode realm, String username, String password, String phone) {
        ArrayNode users = realm.has("users") ? (ArrayNode) realm.get("users") : realm.putArray("users");
        ObjectNode user = users.addObject().put("username", username).put("enabled", true)
                .put("email", username + "@example.org").put("emailVerified", true)
                .put("firstName", username).put("lastName", "Test");
        if (phone != null) {
            user.putObject("attributes").putArray("phoneNumber").add(phone);
        }
        ArrayNode credentials = user.putArray("credentials");
        credentials.addObject().put("type", "password").put("value", password);
        return credentials;
    }

    /**
     * A realm where the code is asked only of users who have a number: the Twilio OTP step sits in a CONDITIONAL
     * sub-flow behind "Condition - user configured", as Keycloak's own "Browser - Conditional OTP" does.
     */
    public static ObjectNode conditionalRealm(String realm, Map<String, String> stepConfig) {
        ObjectNode root = baseRealm(realm, stepConfig);
        ArrayNode secondFactor = passwordThenSecondFactor(root, "CONDITIONAL");
        FlowJson.execution(secondFactor, "conditional-user-configured", "REQUIRED", 10);
        FlowJson.execution(secondFactor, "twilio-otp", "REQUIRED", 20).put("authenticatorConfig", CONFIG_ALIAS);
        return root;
    }

    /** The browser flow's forms: username and password, then a sub-flow "second factor" of this requirement, returned. */
    private static ArrayNode passwordThenSecondFactor(ObjectNode root, String requirement) {
        ArrayNode formExecutions = FlowJson.flow(root, FLOW_ALIAS + " forms", "basic-flow", false);
        FlowJson.execution(formExecutions, "auth-username-password-form", "REQUIRED", 10);
        FlowJson.subflow(formExecutions, requirement, 20, FLOW_ALIAS + " second factor", null);
        return FlowJson.flow(root, FLOW_ALIAS + " second factor", "basic-flow", false);
    }

    /**
     * Adds a "forgot password" flow to a realm built here: Choose user, then the Twilio OTP step (the realm's step
     * config), then Reset password. The login page then links to it.
     */
    public static ObjectNode withResetFlow(ObjectNode realm) {
        ArrayNode executions = FlowJson.flow(realm, RESET_FLOW_ALIAS, "basic-flow", true);
        FlowJson.execution(executions, "reset-credentials-choose-user", "REQUIRED", 10);
        FlowJson.execution(executions, "twilio-otp", "REQUIRED", 20).put("authenticatorConfig", CONFIG_ALIAS);
        FlowJson.execution(executions, "reset-password", "REQUIRED", 30);
        return realm.put("resetCredentialsFlow", RESET_FLOW_ALIAS).put("resetPasswordAllowed", true);
    }

    /**
     * Adds a user to the import, with a password, a phone credential (and the number as its attribute mirror) and a
     * TOTP authenticator-app credential.
     *
     * @param totpSecret the raw TOTP secret (HmacSHA1, 6 digits, 30 s), as Keycloak stores it
     */
    public static void addUserWithTotp(ObjectNode realm, String username, String password, String phone, String totpSecret) {
        ArrayNode credentials = addUser(realm, username, password, phone);
        credentials.addObject().put("type", "otp").put("userLabel", "Authenticator app")
                .put("secretData", "{\"value\":\"" + totpSecret + "\"}")
                .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        if (phone != null) {
            addPhoneCredential(credentials, phone); // after the app's: Keycloak starts with the first credential's alternative
        }
    }

    /** A phone credential in the import format the README documents (the plugin masks it on import). */
    public static void addPhoneCredential(ArrayNode credentials, String phone) {
        credentials.addObject().put("type", "twilio-otp-phone").put("secretData", "{\"number\":\"" + phone + "\"}")
                .put("credentialData", "{}");
    }

    /**
     * Adds the required action "Verify phone number", enabled, with these settings, as a realm export holds it (past
     * the admin console's check of the settings).
     */
    public static ObjectNode withVerifyPhoneAction(ObjectNode realm, Map<String, String> settings) {
        ObjectNode action = realm.putArray("requiredActions").addObject()
                .put("alias", "twilio-verify-phone").put("providerId", "twilio-verify-phone")
                .put("name", "Verify phone number").put("enabled", true).put("defaultAction", false).put("priority", 100);
        ObjectNode config = action.putObject("config");
        settings.forEach(config::put);
        return realm;
    }

    /** Realm settings, the client, the top of the browser flow and the step's config; the forms sub-flow is the caller's. */
    private static ObjectNode baseRealm(String realm, Map<String, String> stepConfig) {
        ObjectNode root = JSON.createObjectNode()
                .put("realm", realm)
                .put("enabled", true)
                .put("browserFlow", FLOW_ALIAS)
                .put("eventsEnabled", true)
                .put("adminEventsEnabled", false)
                // Brute-force detection on, as in any serious deployment: wrong codes must count.
                .put("bruteForceProtected", true)
                .put("failureFactor", 5)
                .put("waitIncrementSeconds", 60)
                .put("maxFailureWaitSeconds", 900)
                .put("maxDeltaTimeSeconds", 43200)
                .put("permanentLockout", false);
        // The required action "Verify phone number" reports as CUSTOM_REQUIRED_ACTION(_ERROR).
        root.putArray("enabledEventTypes").add("LOGIN").add("LOGIN_ERROR").add("CUSTOM_REQUIRED_ACTION").add("CUSTOM_REQUIRED_ACTION_ERROR");
        root.put("internationalizationEnabled", true).put("defaultLocale", "en");
        ArrayNode locales = root.putArray("supportedLocales");
        for (String locale : SUPPORTED_LOCALES) {
            locales.add(locale);
        }

        ObjectNode client = root.putArray("clients").addObject()
                .put("clientId", CLIENT_ID)
                .put("enabled", true)
                .put("publicClient", true)
                .put("standardFlowEnabled", true)
                .put("directAccessGrantsEnabled", false);
        client.putArray("redirectUris").add(LoginBrowser.REDIRECT_URI).add("http://localhost:*").add("http://127.0.0.1:*");
        client.putArray("webOrigins").add("+");

        root.putArray("authenticationFlows");
        ArrayNode topExecutions = FlowJson.flow(root, FLOW_ALIAS, "basic-flow", true);
        FlowJson.execution(topExecutions, "auth-cookie", "ALTERNATIVE", 10);
        FlowJson.subflow(topExecutions, "ALTERNATIVE", 20, FLOW_ALIAS + " forms", null);

        ObjectNode config = root.putArray("authenticatorConfig").addObject().put("alias", CONFIG_ALIAS);
        ObjectNode values = config.putObject("config");
        stepConfig.forEach(values::put);
        return root;
    }



    /** Writes a realm to {@code dir/<realm>-realm.json} and returns the file. */
    public static Path write(ObjectNode realm, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(realm.get("realm").asText() + "-realm.json");
        JSON.writeValue(file.toFile(), realm);
        return file;
    }

}
