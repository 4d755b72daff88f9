package io.github.kctwilio.otp.keycloak;

import jakarta.ws.rs.core.Response;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What sending and checking a code needs from Keycloak, the same for the login step and the required action.
 * The methods are named as on Keycloak's own contexts, so each adapter is a plain delegation.
 */
interface OtpInteraction {

    KeycloakSession getSession();

    RealmModel getRealm();

    /** The user of this login; null only in a reset-credentials flow that matched no account. */
    UserModel getUser();

    AuthenticationSessionModel getAuthenticationSession();

    ClientConnection getConnection();

    HttpRequest getHttpRequest();

    EventBuilder getEvent();

    /** A fresh form whose action posts back to this step or action. */
    LoginFormsProvider form();

    void challenge(Response page);

    /** A code Twilio did not accept: the login step also counts it for brute-force protection. */
    void wrongCode(Response page);

    /** Prefix of this interaction's authentication-session notes, so the step and the action never share state. */
    String notePrefix();

    /** The login step, as an interaction. */
    static OtpInteraction of(org.keycloak.authentication.AuthenticationFlowContext context) {
        return new StepInteraction(context);
    }

    /** The required action, as an interaction. */
    static OtpInteraction of(org.keycloak.authentication.RequiredActionContext context) {
        return new ActionInteraction(context);
    }
}
