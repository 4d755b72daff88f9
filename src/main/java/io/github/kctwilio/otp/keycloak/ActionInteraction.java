package io.github.kctwilio.otp.keycloak;

import jakarta.ws.rs.core.Response;
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
 * The required action's context as an {@link OtpInteraction}. A wrong code is not a brute-force failure here: the
 * user is already signed in and proves a number they chose; Twilio's 5 checks per code and our send caps bound it.
 */
record ActionInteraction(RequiredActionContext context) implements OtpInteraction {

    @Override
    public KeycloakSession getSession() {
        return context.getSession();
    }

    @Override
    public RealmModel getRealm() {
        return context.getRealm();
    }

    @Override
    public UserModel getUser() {
        return context.getUser();
    }

    @Override
    public AuthenticationSessionModel getAuthenticationSession() {
        return context.getAuthenticationSession();
    }

    @Override
    public ClientConnection getConnection() {
        return context.getConnection();
    }

    @Override
    public HttpRequest getHttpRequest() {
        return context.getHttpRequest();
    }

    @Override
    public EventBuilder getEvent() {
        return context.getEvent();
    }

    @Override
    public LoginFormsProvider form() {
        return context.form();
    }

    @Override
    public void challenge(Response page) {
        context.challenge(page);
    }

    @Override
    public void wrongCode(Response page) {
        context.challenge(page);
    }

    @Override
    public String notePrefix() {
        return "twilio-verify-phone.";
    }
}
