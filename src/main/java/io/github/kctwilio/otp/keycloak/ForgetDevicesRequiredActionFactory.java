package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.ProviderIds;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers the required action "Forget remembered devices" (provider id {@value #PROVIDER_ID}). */
public final class ForgetDevicesRequiredActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = ProviderIds.FORGET_DEVICES_ACTION;

    private static final ForgetDevicesRequiredAction ACTION = new ForgetDevicesRequiredAction();

    @Override
    public void init(Config.Scope config) {
        // No server-wide options.
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to wire.
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return ACTION;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Forget remembered devices (Twilio OTP)";
    }

    @Override
    public void close() {
        // Stateless.
    }
}
