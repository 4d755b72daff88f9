package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.LookupServerSettings;
import io.github.kctwilio.otp.config.ServerSettings;
import io.github.kctwilio.otp.verify.TransportSettings;
import java.util.ArrayList;
import io.github.kctwilio.otp.config.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** Registers the "Twilio OTP" step (provider id {@value #PROVIDER_ID}) and holds its server-wide settings. */
public final class TwilioOtpAuthenticatorFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = ProviderIds.STEP;

    private static final Logger LOG = Logger.getLogger(TwilioOtpAuthenticatorFactory.class);

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED,
    };

    private ServerSettings settings;
    private TransportSettings lookup;
    private OtpServices services;
    private TwilioOtpAuthenticator authenticator;

    @Override
    public void init(Config.Scope config) {
        settings = ServerSettings.read(config::get, System::getenv);
        lookup = LookupServerSettings.read(config::get, settings);
        services = OtpServices.start(settings, lookup);
        authenticator = new TwilioOtpAuthenticator(services);
        LOG.infof("Twilio OTP ready: API %s, Lookup %s, connect timeout %d ms, read timeout %d ms",
                settings.transport().apiBaseUrl(), lookup.apiBaseUrl(), settings.transport().connectTimeout().toMillis(),
                settings.transport().readTimeout().toMillis());
    }

    /**
     * The login step's services, for the other entry points (the required action, phone sign-in) to run on: one read of
     * the server-wide options, one Twilio HTTP pool per server. Called from their {@code postInit}.
     */
    static OtpServices servicesOf(KeycloakSessionFactory factory) {
        return ((TwilioOtpAuthenticatorFactory) factory.getProviderFactory(Authenticator.class, ProviderIds.STEP)).services;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to wire.
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public void close() {
        if (services != null) {
            services.stop();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Twilio OTP";
    }

    @Override
    public String getHelpText() {
        return "Proves that the user controls a phone number with a one-time code sent and checked by Twilio Verify "
                + "(SMS, voice call, WhatsApp or email).";
    }

    /** "otp" makes Keycloak's brute-force protection count wrong codes; other categories are silently ignored. */
    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    /** The account console lists the phone credential under "Signing in" once a flow uses this step. */
    @Override
    public Set<String> getOptionalReferenceCategories(KeycloakSession session) {
        return Set.of(ProviderIds.PHONE_CREDENTIAL);
    }

    /**
     * The same for Keycloak 26.3, whose interface has this method without the session (26.4 added it). Not in the SPI
     * the jar is compiled against, hence no {@code @Override}; on 26.3 it overrides the interface's default.
     */
    public Set<String> getOptionalReferenceCategories() {
        return getOptionalReferenceCategories(null);
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENT_CHOICES;
    }

    /** Users without a number are handed to the required action "Verify phone number" (when the realm enables it). */
    @Override
    public boolean isUserSetupAllowed() {
        return true;
    }

    /** The per-execution settings shown behind the gear of the flow editor. */
    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return OtpConfigProperties.at(Setting.Place.STEP);
    }

    /** The server-wide SPI options, as listed by {@code kc.sh} and the admin console's provider info. */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return OtpConfigProperties.serverOptions();
    }

    /** Admin console, Server info: the plugin's version and its non-secret server-wide settings. */
    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("version", String.valueOf(getClass().getPackage().getImplementationVersion()));
        info.put(Setting.API_BASE_URL.key(), settings.transport().apiBaseUrl().toString());
        info.put(Setting.LOOKUP_API_BASE_URL.key(), lookup.apiBaseUrl().toString());
        info.put(Setting.CONNECT_TIMEOUT_MS.key(), Long.toString(settings.transport().connectTimeout().toMillis()));
        info.put(Setting.READ_TIMEOUT_MS.key(), Long.toString(settings.transport().readTimeout().toMillis()));
        info.put(Setting.SERVER_ACCOUNT_SID.key(), settings.accountSid() == null ? "(not set)" : settings.accountSid());
        info.put(Setting.SERVER_VERIFY_SERVICE_SID.key(), settings.verifyServiceSid() == null ? "(not set)" : settings.verifyServiceSid());
        info.put(Setting.SERVER_AUTH_TOKEN.key(), settings.authToken() == null ? "(not set)" : "(set)");
        return info;
    }
}
