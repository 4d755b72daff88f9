package io.github.kctwilio.otp.testsupport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Adds authentication flows, executions and execution configs to a realm representation, as the admin console's
 * flow editor would create them. For flows beyond the browser flows of {@link RealmJson}: registration, step-up.
 */
public final class FlowJson {

    private FlowJson() {
    }

    /** A new flow; {@code providerId} is {@code basic-flow}, or {@code form-flow} for the form of a registration flow. */
    public static ArrayNode flow(ObjectNode realm, String alias, String providerId, boolean topLevel) {
        ArrayNode flows = realm.has("authenticationFlows") ? (ArrayNode) realm.get("authenticationFlows") : realm.putArray("authenticationFlows");
        return flows.addObject()
                .put("alias", alias)
                .put("providerId", providerId)
                .put("topLevel", topLevel)
                .put("builtIn", false)
                .putArray("authenticationExecutions");
    }

    public static ObjectNode execution(ArrayNode executions, String authenticator, String requirement, int priority) {
        return executions.addObject()
                .put("authenticator", authenticator)
                .put("requirement", requirement)
                .put("priority", priority)
                .put("authenticatorFlow", false)
                .put("userSetupAllowed", false);
    }

    /** An execution with its settings, saved under {@code configAlias}. */
    public static ObjectNode execution(ObjectNode realm, ArrayNode executions, String authenticator, String requirement, int priority,
                                       String configAlias, Map<String, String> settings) {
        config(realm, configAlias, settings);
        return execution(executions, authenticator, requirement, priority).put("authenticatorConfig", configAlias);
    }

    /** A sub-flow; {@code formAuthenticator} is set for a form (such as {@code registration-page-form}), else null. */
    public static void subflow(ArrayNode executions, String requirement, int priority, String alias, String formAuthenticator) {
        ObjectNode execution = executions.addObject()
                .put("requirement", requirement)
                .put("priority", priority)
                .put("authenticatorFlow", true)
                .put("flowAlias", alias)
                .put("userSetupAllowed", false);
        if (formAuthenticator != null) {
            execution.put("authenticator", formAuthenticator);
        }
    }

    private static void config(ObjectNode realm, String alias, Map<String, String> settings) {
        ArrayNode configs = realm.has("authenticatorConfig") ? (ArrayNode) realm.get("authenticatorConfig") : realm.putArray("authenticatorConfig");
        ObjectNode values = configs.addObject().put("alias", alias).putObject("config");
        settings.forEach(values::put);
    }
}
