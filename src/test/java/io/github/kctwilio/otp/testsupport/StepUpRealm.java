package io.github.kctwilio.otp.testsupport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A realm whose browser flow has two Levels of Authentication, as Keycloak's step-up documentation builds it:
 * level 1 is username and password, level 2 adds the Twilio OTP step. The realm's {@code acr.loa.map} names them
 * {@value #LEVEL_1_ACR} and {@value #LEVEL_2_ACR}.
 */
public final class StepUpRealm {

    public static final String FLOW_ALIAS = "browser-step-up";
    public static final String LEVEL_1_ACR = "silver";
    public static final String LEVEL_2_ACR = "gold";
    /** How long level 1 counts in the SSO session: 10 hours, Keycloak's default. */
    public static final String LEVEL_1_MAX_AGE = "36000";
    /** Level 2 never counts from an earlier sign-in: every request for it sends a new code (a transaction confirmation). */
    public static final String LEVEL_2_MAX_AGE = "0";

    private StepUpRealm() {
    }

    public static ObjectNode create(String realm, Map<String, String> stepConfig) {
        ObjectNode root = RealmJson.twilioRealm(realm, stepConfig);
        root.put("browserFlow", FLOW_ALIAS);
        return addLevels(root, null);
    }

    /**
     * The two-level flow and the realm's {@code acr.loa.map}, added to a realm built here (its browser flow unchanged).
     *
     * @param flowId a fixed id for the top flow, so that a client of a realm file can bind it as its browser flow
     *               ({@code authenticationFlowBindingOverrides}); null to let Keycloak choose. Ids are unique server-wide.
     */
    public static ObjectNode addLevels(ObjectNode root, String flowId) {
        root.withObject("/attributes").put("acr.loa.map", "{\"" + LEVEL_1_ACR + "\":1,\"" + LEVEL_2_ACR + "\":2}");
        ArrayNode top = FlowJson.flow(root, FLOW_ALIAS, "basic-flow", true);
        if (flowId != null) {
            ArrayNode flows = (ArrayNode) root.get("authenticationFlows");
            ((ObjectNode) flows.get(flows.size() - 1)).put("id", flowId);
        }
        FlowJson.execution(top, "auth-cookie", "ALTERNATIVE", 10);
        FlowJson.subflow(top, "ALTERNATIVE", 20, FLOW_ALIAS + " levels", null);
        ArrayNode levels = FlowJson.flow(root, FLOW_ALIAS + " levels", "basic-flow", false);
        FlowJson.subflow(levels, "CONDITIONAL", 10, FLOW_ALIAS + " level 1", null);
        FlowJson.subflow(levels, "CONDITIONAL", 20, FLOW_ALIAS + " level 2", null);
        ArrayNode level1 = FlowJson.flow(root, FLOW_ALIAS + " level 1", "basic-flow", false);
        FlowJson.execution(root, level1, "conditional-level-of-authentication", "REQUIRED", 10, "loa-1",
                Map.of("loa-condition-level", "1", "loa-max-age", LEVEL_1_MAX_AGE));
        FlowJson.execution(level1, "auth-username-password-form", "REQUIRED", 20);
        ArrayNode level2 = FlowJson.flow(root, FLOW_ALIAS + " level 2", "basic-flow", false);
        FlowJson.execution(root, level2, "conditional-level-of-authentication", "REQUIRED", 10, "loa-2",
                Map.of("loa-condition-level", "2", "loa-max-age", LEVEL_2_MAX_AGE));
        FlowJson.execution(level2, "twilio-otp", "REQUIRED", 20).put("authenticatorConfig", RealmJson.CONFIG_ALIAS);
        return root;
    }
}
