package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.ExecutionSettings;
import io.github.kctwilio.otp.config.ServerSettings;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.limits.SendLimits;
import io.github.kctwilio.otp.metrics.TwilioOtpMetrics;
import io.github.kctwilio.otp.verify.VerifyGateways;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    public static final String PROVIDER_ID = "twilio-otp";

    private static final Logger LOG = Logger.getLogger(TwilioOtpAuthenticatorFactory.class);

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENT_CHOICES = {
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED,
    };

    private ServerSettings settings;
    private VerifyGateways gateways;
    private TwilioOtpAuthenticator authenticator;

    @Override
    public void init(Config.Scope config) {
        settings = ServerSettings.read(config::get, System::getenv);
        // Every gateway counts its Twilio calls on Keycloak's metrics (published with --metrics-enabled=true).
        gateways = new VerifyGateways(settings.transport(), TwilioOtpMetrics.onKeycloakRegistry()::instrument);
        authenticator = new TwilioOtpAuthenticator(new StepConfigLoader(settings), new CodeDelivery(gateways),
                new CodeCheck(gateways), Clock.systemUTC());
        LOG.infof("Twilio OTP ready: API %s, connect timeout %d ms, read timeout %d ms",
                settings.transport().apiBaseUrl(), settings.transport().connectTimeout().toMillis(),
                settings.transport().readTimeout().toMillis());
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
        if (gateways != null) {
            try {
                gateways.close();
            } catch (IOException e) {
                LOG.debug("Closing the Twilio HTTP client failed", e);
            }
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

    /** The per-execution settings shown behind the gear of the flow editor. */
    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(ExecutionSettings.VERIFY_SERVICE_SID).label("Verify Service SID")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("SID of the Twilio Verify Service (VA followed by 32 characters). Blank: the server option "
                        + "verify-service-sid, else the TWILIO_VERIFY_SID environment variable.")
                .add()
                .property().name(ExecutionSettings.ACCOUNT_SID).label("Account SID")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Twilio Account SID (AC followed by 32 characters). Blank: the server option account-sid, "
                        + "else the TWILIO_ACCOUNT_SID environment variable.")
                .add()
                .property().name(ExecutionSettings.AUTH_TOKEN).label("Auth Token")
                .type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("Twilio Auth Token, or a vault reference such as ${vault.twilio-auth-token}. Blank: the server "
                        + "option auth-token, else the TWILIO_AUTH_TOKEN environment variable.")
                .add()
                .property().name(ExecutionSettings.DEFAULT_CHANNEL).label("Default channel")
                .type(ProviderConfigProperty.LIST_TYPE).options("sms", "call", "whatsapp", "email").defaultValue("sms")
                .helpText("How the first code is delivered. The channel must be enabled in the Verify Service.")
                .add()
                .property().name(ExecutionSettings.DEFAULT_REGION).label("Default region")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Two-letter region (such as US or DE) used to read phone numbers written without a country "
                        + "code. Blank: numbers must start with + and the country code.")
                .add()
                .property().name(ExecutionSettings.ALLOW_PHONE_SETUP).label("Let users add a phone number")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
                .helpText("When on, a user without a phone number enters one at login; it is saved only after the code "
                        + "is approved. When off, such a user sees a message to contact the administrator.")
                .add()
                .property().name(ExecutionSettings.RESEND_COOLDOWN_SECONDS).label("Resend cooldown (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(TwilioOtpConfig.DEFAULT_RESEND_COOLDOWN_SECONDS))
                .helpText("How long a user waits before asking for another code (0 to 600). Within Twilio's 10 minutes "
                        + "a new request re-sends the same code.")
                .add()
                .property().name(ExecutionSettings.SEND_LIMIT_PER_NUMBER).label("Send limit per phone number")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(SendLimits.DEFAULT_PER_NUMBER)
                .helpText("Most codes sent to one number in a window, such as 5/1h (count per s, m, h or d). 0: no limit. "
                        + "Held cluster-wide; protects against SMS pumping.")
                .add()
                .property().name(ExecutionSettings.SEND_LIMIT_PER_USER).label("Send limit per user")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(SendLimits.DEFAULT_PER_USER)
                .helpText("Most codes sent for one account in a window, such as 10/1h. 0: no limit.")
                .add()
                .property().name(ExecutionSettings.SEND_LIMIT_PER_IP).label("Send limit per IP address")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(SendLimits.DEFAULT_PER_IP)
                .helpText("Most codes requested from one client IP address in a window, such as 30/1h. Many users may "
                        + "share an address behind a company or carrier gateway. 0: no limit.")
                .add()
                .property().name(ExecutionSettings.MAX_SENDS_PER_LOGIN).label("Most codes per sign-in")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(SendLimits.DEFAULT_PER_LOGIN))
                .helpText("Most codes one sign-in may send, resends included. 0: no cap.")
                .add()
                .build();
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
