package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ExecutionSettings;
import io.github.kctwilio.otp.config.SignupSettings;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormActionFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

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
        return ProviderConfigurationBuilder.create()
                .property().name(SignupSettings.PHONE_REQUIRED).label("Phone number required")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
                .helpText("On: nobody registers without a phone number, and every new account verifies its number by code "
                        + "before it can be used. Off: the number may be left blank (no verification then); a number "
                        + "that is given is still checked and verified.")
                .add()
                .property().name(ExecutionSettings.DEFAULT_REGION).label("Default region")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Two-letter region (such as US or DE) for numbers typed without a country code. Blank: the "
                        + "default region of the required action 'Verify phone number', else numbers must start with +.")
                .add()
                .build();
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
