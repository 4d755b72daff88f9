package io.github.kctwilio.otp.keycloak.remember;

import io.github.kctwilio.otp.keycloak.exchange.ResetCodeStep;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.PasswordFormFactory;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalLoaAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Where a remembered device may stand in for a code, decided from the flow and what this sign-in already did (so every
 * visitor of a flow sees the same form): never in a password reset (a reset must prove the phone now), never in a
 * sub-flow governed by "Condition - Level of Authentication" (a remembered device reaches only the level the flow gives
 * without the code, so a step-up always asks), and only where the sign-in also proves the password: a password form
 * already succeeded in this sign-in, or a Required one runs in the same flow (phone sign-in before a password). A
 * remembered device therefore never becomes a sign-in without a password, whatever the flow: phone sign-in alone, a
 * username form then the code, an identity provider then the code all ask for the code every time.
 */
final class RememberScope {

    private static final Set<String> PASSWORD_STEPS = Set.of(PasswordFormFactory.PROVIDER_ID, UsernamePasswordFormFactory.PROVIDER_ID);

    private RememberScope() {
    }

    static boolean allows(AuthenticationFlowContext flow) {
        if (ResetCodeStep.isResetFlow(flow) || underLevelOfAuthentication(flow.getRealm(), flow.getExecution())) {
            return false;
        }
        return passwordProved(flow) || besideRequiredPassword(flow.getRealm(), flow.getExecution());
    }

    /** A password form of this flow succeeded earlier in this sign-in. */
    private static boolean passwordProved(AuthenticationFlowContext flow) {
        RealmModel realm = flow.getRealm();
        return flow.getAuthenticationSession().getExecutionStatus().entrySet().stream()
                .filter(status -> status.getValue() == AuthenticationSessionModel.ExecutionStatus.SUCCESS)
                .map(status -> realm.getAuthenticationExecutionById(status.getKey()))
                .anyMatch(execution -> execution != null && PASSWORD_STEPS.contains(execution.getAuthenticator()));
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

    /** A Required password form runs in the same flow as the execution (after it, for phone sign-in first). */
    private static boolean besideRequiredPassword(RealmModel realm, AuthenticationExecutionModel execution) {
        return realm.getAuthenticationExecutionsStream(execution.getParentFlow())
                .anyMatch(e -> e.isRequired() && PASSWORD_STEPS.contains(e.getAuthenticator()));
    }
}
