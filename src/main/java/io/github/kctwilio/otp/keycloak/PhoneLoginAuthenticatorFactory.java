package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.Setting;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Registers "Twilio OTP: sign in with phone number" (provider id {@value #PROVIDER_ID}). It runs on the Twilio OTP
 * step's server-wide settings and Twilio clients.
 */
public final class PhoneLoginAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = ProviderIds.PHONE_LOGIN;

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED,
    };

    private PhoneLoginAuthenticator authenticator;

    @Override
    public void init(Config.Scope config) {
        // The server-wide options live under the Twilio OTP step's provider, so an admin sets them once.
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        authenticator = new PhoneLoginAuthenticator(TwilioOtpAuthenticatorFactory.servicesOf(factory));
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Twilio OTP: sign in with phone number";
    }

    @Override
    public String getHelpText() {
        return "Identifies the user by a phone number and a one-time code sent and checked by Twilio Verify: the code goes "
                + "only to a number one enabled account holds as a verified phone. Use it first in a browser flow, alone, as "
                + "an alternative to Username Password Form, or followed by a password step. Requires the realm rule \"One "
                + "account per phone number\" (" + Setting.ONE_ACCOUNT_PER_NUMBER.key() + ", gear of the required action "
                + "\"Verify phone number\"): without it every phone sign-in is refused.";
    }

    /** "otp" makes Keycloak's brute-force protection count wrong codes. */
    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    /** The Twilio settings of the Twilio OTP step: blank ones fall back to the server-wide options. */
    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return OtpConfigProperties.at(Setting.Place.PHONE_LOGIN);
    }

    @Override
    public void close() {
        // The Twilio OTP step's factory owns and closes the Twilio clients.
    }
}
