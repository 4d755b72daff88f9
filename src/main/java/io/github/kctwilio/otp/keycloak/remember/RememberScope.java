package io.github.kctwilio.otp.keycloak.remember;

import io.github.kctwilio.otp.keycloak.exchange.ResetCodeStep;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.PasswordFormFactory;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalLoaAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.RealmModel;

/**
 * Where a remembered device may stand in for a code, decided from the flow alone (so every visitor of a flow sees the
 * same form): never in a password reset (a reset must prove the phone now), never in a sub-flow governed by "Condition
 * - Level of Authentication" (a remembered device reaches only the level the flow gives without the code, so a step-up
 * always asks), and on phone sign-in only beside a Required password step, so that a remembered device never signs
 * anyone in without a password.
 */
final class RememberScope {

    private static final Set<String> PASSWORD_STEPS = Set.of(PasswordFormFactory.PROVIDER_ID, UsernamePasswordFormFactory.PROVIDER_ID);

    private RememberScope() {
    }

    /** @param phoneLogin the step is "Twilio OTP: sign in with phone number" */
    static boolean allows(AuthenticationFlowContext flow, boolean phoneLogin) {
        if (ResetCodeStep.isResetFlow(flow) || underLevelOfAuthentication(flow.getRealm(), flow.getExecution())) {
            return false;
        }
        return !phoneLogin || besideRequiredPassword(flow.getRealm(), flow.getExecution());
    }

    /** The execution, or a sub-flow it is in, shares its flow with a "Condition - Level of Authentication". */
    private static boolean underLevelOfAuthentication(RealmModel realm, AuthenticationExecutionModel execution) {
        String flowId = execution.getParentFlow();
        while (flowId != null) {
            if (realm.getAuthenticationExecutionsStream(flowId)
                    .anyMatch(e -> ConditionalLoaAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator()))) {
                return true;
            }
            AuthenticationExecutionModel subflow = realm.getAuthenticationExecutionByFlowId(flowId);
            flowId = subflow == null ? null : subflow.getParentFlow();
        }
        return false;
    }

    /** A Required password form runs in the same flow as the execution, before or after it. */
    private static boolean besideRequiredPassword(RealmModel realm, AuthenticationExecutionModel execution) {
        return realm.getAuthenticationExecutionsStream(execution.getParentFlow())
                .anyMatch(e -> e.isRequired() && PASSWORD_STEPS.contains(e.getAuthenticator()));
    }
}
