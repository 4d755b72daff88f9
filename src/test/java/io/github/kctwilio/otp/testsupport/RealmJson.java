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

    /** The languages of our message bundles; the login page offers them all. */
    public static final String[] SUPPORTED_LOCALES = {"en", "de", "fr", "es", "it", "pt-BR", "nl", "pl", "ja", "zh-CN", "tr", "sv"};

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RealmJson() {
    }

    /**
     * @param realm      realm name
     * @param stepConfig settings of the Twilio OTP execution
     */
    public static ObjectNode twilioRealm(String realm, Map<String, String> stepConfig) {
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
        root.putArray("enabledEventTypes").add("LOGIN").add("LOGIN_ERROR");
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

        ArrayNode flows = root.putArray("authenticationFlows");
        ObjectNode top = flows.addObject()
                .put("alias", FLOW_ALIAS)
                .put("description", "Username and password, then a code from Twilio Verify")
                .put("providerId", "basic-flow")
                .put("topLevel", true)
                .put("builtIn", false);
        ArrayNode topExecutions = top.putArray("authenticationExecutions");
        execution(topExecutions, "auth-cookie", "ALTERNATIVE", 10);
        topExecutions.addObject()
                .put("requirement", "ALTERNATIVE")
                .put("priority", 20)
                .put("authenticatorFlow", true)
                .put("flowAlias", FLOW_ALIAS + " forms")
                .put("userSetupAllowed", false);

        ObjectNode forms = flows.addObject()
                .put("alias", FLOW_ALIAS + " forms")
                .put("providerId", "basic-flow")
                .put("topLevel", false)
                .put("builtIn", false);
        ArrayNode formExecutions = forms.putArray("authenticationExecutions");
        execution(formExecutions, "auth-username-password-form", "REQUIRED", 10);
        execution(formExecutions, "twilio-otp", "REQUIRED", 20).put("authenticatorConfig", CONFIG_ALIAS);

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

    private static ObjectNode execution(ArrayNode executions, String authenticator, String requirement, int priority) {
        return executions.addObject()
                .put("authenticator", authenticator)
                .put("requirement", requirement)
                .put("priority", priority)
                .put("authenticatorFlow", false)
                .put("userSetupAllowed", false);
    }
}
