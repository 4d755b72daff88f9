package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.Setting;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormActionFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Registers the registration form action "Twilio OTP: phone number at signup" (provider id {@value #PROVIDER_ID}),
 * added to a copy of the registration flow's form, after "Registration User Profile Creation".
 */
public final class PhoneSignupFormActionFactory implements FormActionFactory {

    public static final String PROVIDER_ID = ProviderIds.SIGNUP_FORM_ACTION;

    private static final PhoneSignupFormAction ACTION = new PhoneSignupFormAction();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public FormAction create(KeycloakSession session) {
        return ACTION;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Twilio OTP: phone number at signup";
    }

    @Override
    public String getHelpText() {
        return "Checks the phone number of the registration form (user profile attribute, editable by the user) and has "
                + "it verified by a Twilio code right after registration (required action 'Verify phone number', which "
                + "must be enabled). Place it after 'Registration User Profile Creation'.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    /** Nothing for the user to set up: the action adds the required action itself, to new accounts only. */
    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return OtpConfigProperties.at(Setting.Place.SIGNUP);
    }

    @Override
    public void init(Config.Scope config) {
        // No server-wide options: validation never calls Twilio.
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to wire.
    }

    @Override
    public void close() {
        // Stateless.
    }
}
