package io.github.kctwilio.otp.keycloak.exchange;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.resetcred.ResetCredentialEmail;
import org.keycloak.models.AuthenticationExecutionModel;

/**
 * "Password reset without a verified number: skip" hands accounts without a phone to the next steps of the reset
 * flow. That is safe only when one of them proves who the user is; otherwise a username alone would reset a password.
 */
public final class ResetFlowCheck {

    private ResetFlowCheck() {
    }

    /**
     * True when, after this execution and in the same flow, a Required "Send Reset Email" step (a link to the
     * account's address) runs before the new password is set.
     */
    public static boolean laterStepProvesIdentity(AuthenticationFlowContext flow) {
        AuthenticationExecutionModel ours = flow.getExecution();
        return flow.getRealm().getAuthenticationExecutionsStream(ours.getParentFlow())
                .filter(execution -> execution.getPriority() > ours.getPriority())
                .anyMatch(execution -> execution.isRequired() && ResetCredentialEmail.PROVIDER_ID.equals(execution.getAuthenticator()));
    }
}
