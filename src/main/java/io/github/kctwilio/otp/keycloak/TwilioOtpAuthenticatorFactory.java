package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ExecutionSettings;
import io.github.kctwilio.otp.config.ServerSettings;
import java.util.ArrayList;
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
import org.keycloak.provider.ProviderConfigurationBuilder;
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
    private OtpServices services;
    private TwilioOtpAuthenticator authenticator;

    @Override
    public void init(Config.Scope config) {
        settings = ServerSettings.read(config::get, System::getenv);
        services = OtpServices.start(settings);
        authenticator = new TwilioOtpAuthenticator(services);
        LOG.infof("Twilio OTP ready: API %s, connect timeout %d ms, read timeout %d ms",
                settings.transport().apiBaseUrl(), settings.transport().connectTimeout().toMillis(),
                settings.transport().readTimeout().toMillis());
    }

    /** Shared with the required action "Verify phone number" (one settings read, one Twilio HTTP pool). */
    OtpServices services() {
        return services;
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
        List<ProviderConfigProperty> properties = new ArrayList<>(OtpConfigProperties.twilio(OtpConfigProperties.stepAuthToken()));
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(ExecutionSettings.ALLOW_PHONE_SETUP).label("Let users add a phone number")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
                .helpText("When on, a user with no phone credential is handed to the required action \"Verify phone number\" "
                        + "(if this step is Required and the action is enabled in the realm), or gets a code to the number in "
                        + "the phone attribute; the sign-in completes once a number is verified. A user whose phone numbers "
                        + "the realm can no longer use is never handed to setup. When off, a user with no phone credential "
                        + "sees a message to contact the administrator: turn it off for a step-up, where only a number "
                        + "verified before may count.")
                .add()
                .property().name(ExecutionSettings.RESET_WITHOUT_PHONE).label("Password reset without a verified number")
                .type(ProviderConfigProperty.LIST_TYPE).options("refuse", "skip").defaultValue("refuse")
                .helpText("Only in a reset-credentials flow, for an account without a phone (or no account): refuse shows "
                        + "the same code form, timing and limits as to everyone, and accepts no code; skip lets the next steps "
                        + "of the flow decide (the page then shows whether the account has a phone), and runs only when a "
                        + "Required \"Send Reset Email\" step follows in the same flow: otherwise every reset is refused "
                        + "and the server log says why.")
                .add().build());
        return properties;
    }

    /** The server-wide SPI options, as listed by {@code kc.sh} and the admin console's provider info. */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(ServerSettings.ACCOUNT_SID).type("string")
                .helpText("Default Twilio Account SID for executions that leave it blank.").add()
                .property().name(ServerSettings.AUTH_TOKEN).type("string").secret(true)
                .helpText("Default Twilio Auth Token for executions that leave it blank.").add()
                .property().name(ServerSettings.VERIFY_SERVICE_SID).type("string")
                .helpText("Default Verify Service SID for executions that leave it blank.").add()
                .property().name(ServerSettings.API_BASE_URL).type("string")
                .defaultValue("https://verify.twilio.com")
                .helpText("Base URL of the Verify API (server-wide only).").add()
                .property().name(ServerSettings.CONNECT_TIMEOUT_MS).type("int")
                .defaultValue(ServerSettings.DEFAULT_CONNECT_TIMEOUT_MS)
                .helpText("Milliseconds to wait for a connection to Twilio.").add()
                .property().name(ServerSettings.READ_TIMEOUT_MS).type("int")
                .defaultValue(ServerSettings.DEFAULT_READ_TIMEOUT_MS)
                .helpText("Milliseconds to wait for Twilio's answer.").add()
                .build();
    }

    /** Admin console, Server info: the plugin's version and its non-secret server-wide settings. */
    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("version", String.valueOf(getClass().getPackage().getImplementationVersion()));
        info.put(ServerSettings.API_BASE_URL, settings.transport().apiBaseUrl().toString());
        info.put(ServerSettings.CONNECT_TIMEOUT_MS, Long.toString(settings.transport().connectTimeout().toMillis()));
        info.put(ServerSettings.READ_TIMEOUT_MS, Long.toString(settings.transport().readTimeout().toMillis()));
        info.put(ServerSettings.ACCOUNT_SID, settings.accountSid() == null ? "(not set)" : settings.accountSid());
        info.put(ServerSettings.VERIFY_SERVICE_SID, settings.verifyServiceSid() == null ? "(not set)" : settings.verifyServiceSid());
        info.put(ServerSettings.AUTH_TOKEN, settings.authToken() == null ? "(not set)" : "(set)");
        return info;
    }
}
