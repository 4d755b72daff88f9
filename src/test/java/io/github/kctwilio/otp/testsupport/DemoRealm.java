package io.github.kctwilio.otp.testsupport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;

/** The demo realm file shared by {@code mvn -Pdemo package}, docker-compose.yml and the tests. */
public final class DemoRealm {

    public static final Path FILE = Path.of(System.getProperty("project.basedir", "."), "demo", "demo-realm.json");
    public static final String REALM = "demo";
    public static final String ALICE = "alice";
    public static final String ALICE_PHONE = "+14155550134";
    public static final String BOB = "bob";
    /** A second client whose browser flow is the step-up flow: ask it for acr_values=gold to get a code. */
    public static final String STEP_UP_CLIENT = "demo-step-up";
    /** The step-up flow's id in the file; ids are unique server-wide, so no other realm may use it. */
    public static final String STEP_UP_FLOW_ID = "8d1f3b52-5c7e-4f0a-9a51-7e3c2b6d4f10";

    private DemoRealm() {
    }

    /**
     * What the demo realm file must hold of what the tests build: 2FA at sign-in, the reset flow, signup with the
     * form action, the step-up flow for {@value #STEP_UP_CLIENT}. Users, user profile and required actions are the
     * file's own.
     */
    public static ObjectNode expectedFlowsAndClients() {
        ObjectNode realm = RealmJson.withResetFlow(RealmJson.twilioRealm(REALM, Map.of("defaultRegion", "US")));
        SignupRealm.addRegistration(realm, Map.of());
        StepUpRealm.addLevels(realm, STEP_UP_FLOW_ID);
        ObjectNode client = ((ArrayNode) realm.get("clients")).addObject()
                .put("clientId", STEP_UP_CLIENT)
                .put("enabled", true)
                .put("publicClient", true)
                .put("standardFlowEnabled", true)
                .put("directAccessGrantsEnabled", false);
        client.putArray("redirectUris").add(LoginBrowser.REDIRECT_URI).add("http://localhost:*").add("http://127.0.0.1:*");
        client.putObject("authenticationFlowBindingOverrides").put("browser", STEP_UP_FLOW_ID);
        return realm;
    }
}
