package io.github.kctwilio.otp.keycloak;

import jakarta.ws.rs.core.Response;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What sending and checking a code needs from Keycloak, the same for the login step and the required action (whose
 * contexts share no interface). Accessors are named as on those contexts.
 *
 * @param getUser     the user; null only in a reset-credentials flow that matched no account
 * @param newForm     a fresh form whose action posts back to this step or action
 * @param show        shows a page
 * @param showWrongCode shows the page for a code Twilio did not accept; the login step also counts it for brute-force
 *                    protection, the required action does not (the user is signed in and proves a number of their
 *                    choice; Twilio's 5 checks per code and our send caps bound it)
 * @param notePrefix  prefix of this interaction's authentication-session notes: the step and the action keep apart
 */
record OtpInteraction(KeycloakSession getSession, RealmModel getRealm, UserModel getUser,
                      AuthenticationSessionModel getAuthenticationSession, ClientConnection getConnection,
                      HttpRequest getHttpRequest, EventBuilder getEvent, Supplier<LoginFormsProvider> newForm,
                      Consumer<Response> show, Consumer<Response> showWrongCode, String notePrefix) {

    /** The login step. */
    static OtpInteraction of(AuthenticationFlowContext flow) {
        return new OtpInteraction(flow.getSession(), flow.getRealm(), flow.getUser(), flow.getAuthenticationSession(),
                flow.getConnection(), flow.getHttpRequest(), flow.getEvent(), flow::form, flow::challenge,
                page -> {
                    if (flow.getUser() == null) {
                        flow.challenge(page); // no account to count against (a reset for an unknown name)
                    } else {
                        flow.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
                    }
                },
                "twilio-otp.");
    }

    /** The required action "Verify phone number". */
    static OtpInteraction of(RequiredActionContext action) {
        return new OtpInteraction(action.getSession(), action.getRealm(), action.getUser(), action.getAuthenticationSession(),
                action.getConnection(), action.getHttpRequest(), action.getEvent(), action::form, action::challenge,
                action::challenge, "twilio-verify-phone.");
    }

    LoginFormsProvider form() {
        return newForm.get();
    }

    void challenge(Response page) {
        show.accept(page);
    }

    void wrongCode(Response page) {
        showWrongCode.accept(page);
    }
}
