package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.keycloak.store.ActionTokenGuard;
import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.Setting;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Registers the required action "Verify phone number" (provider id {@value #PROVIDER_ID}). Its config (admin
 * console, Authentication, Required actions) is the realm level: the realm's Twilio account, which every Twilio OTP
 * step uses unless it sets its own, this action's channels and limits, and the realm's phone-number rules, which every
 * step also follows. The server-wide options, and the Twilio clients, are
 * the login step's.
 */
public final class VerifyPhoneRequiredActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = ProviderIds.VERIFY_PHONE_ACTION;

    private VerifyPhoneRequiredAction action;

    @Override
    public void init(Config.Scope config) {
        // The server-wide options live under the login step's provider, so an admin sets them once for both.
    }

    /** Runs on the login step's settings and Twilio clients: one read of the options, one HTTP pool per server. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        action = new VerifyPhoneRequiredAction(TwilioOtpAuthenticatorFactory.servicesOf(factory));
        factory.register(event -> ActionTokenGuard.onProviderEvent(factory, event));
    }

    /** Keycloak calls this when the gear is saved; its settings are shown as stored, so no literal Auth Token. */
    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        ActionTokenGuard.refuseLiteralToken(model);
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return action;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Verify phone number (Twilio OTP)";
    }

    /** Not one-time: the same action verifies a first number and, later, a new one. */
    @Override
    public boolean isOneTimeAction() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> properties = new ArrayList<>(RequiredActionFactory.super.getConfigMetadata());
        properties.addAll(OtpConfigProperties.at(Setting.Place.REALM));
        return properties;
    }

    @Override
    public void close() {
        // The login step's factory owns and closes the Twilio clients.
    }
}
