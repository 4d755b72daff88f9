package io.github.kctwilio.otp.keycloak.store;

import io.github.kctwilio.otp.keycloak.store.StepConfigLoader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.ServerSettings;
import io.github.kctwilio.otp.config.Setting;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.TransportSettings;
import io.github.kctwilio.otp.verify.VerifyCredentials;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/**
 * Settings are parsed once per config content, yet an edit, a rotated vault secret or another realm is never served
 * stale; and the realm's Twilio account reaches a step that leaves it blank, and the required action reaches the
 * account of the step that handed the user over.
 */
class StepConfigLoaderTest {

    private static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
    private static final String SERVICE = "VA" + "0123456789abcdef".repeat(2);
    private static final String REALM_ACCOUNT_SID = "AC" + "2".repeat(32);
    private static final String REALM_SERVICE = "VA" + "2".repeat(32);
    private static final Map<String, String> REALM_ACCOUNT = Map.of(Setting.ACCOUNT_SID.key(), REALM_ACCOUNT_SID,
            Setting.REALM_AUTH_TOKEN.key(), "${vault.realm}", Setting.VERIFY_SERVICE_SID.key(), REALM_SERVICE);
    private static final String STEP_ACCOUNT_SID = "AC" + "1".repeat(32);
    private static final String STEP_SERVICE = "VA" + "1".repeat(32);
    private static final Map<String, String> STEP_ACCOUNT = Map.of(Setting.ACCOUNT_SID.key(), STEP_ACCOUNT_SID,
            Setting.STEP_AUTH_TOKEN.key(), "step-token", Setting.VERIFY_SERVICE_SID.key(), STEP_SERVICE);

    private final ServerSettings server = new ServerSettings(ACCOUNT, "${vault.twilio}", SERVICE,
            new TransportSettings(TransportSettings.TWILIO_VERIFY_URL, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    private final StepConfigLoader loader = new StepConfigLoader(server);
    private final Map<String, String> vault = new HashMap<>(Map.of("${vault.twilio}", "token-1", "${vault.realm}", "realm-token"));
    private final KeycloakSession session = session();

    @Test
    void sameConfigIsParsedOnceAndServedFromTheCache() throws Exception {
        Map<String, String> config = Map.of(Setting.CHANNELS.key(), "sms##whatsapp");
        RealmModel realm = realm("r1", null);

        StepConfigLoader.Loaded first = loader.load(session, realm, config);
        StepConfigLoader.Loaded second = loader.load(session, realm, new HashMap<>(config));

        assertThat(second).isSameAs(first);
        assertThat(first.config().channels()).containsExactly(Channel.SMS, Channel.WHATSAPP);
        assertThat(loader.cachedConfigs()).isEqualTo(1);
    }

    @Test
    void anEditedExecutionOrActionConfigTakesEffectOnTheNextRequest() throws Exception {
        RealmModel realm = realm("r1", Map.of(Setting.ALLOWED_COUNTRIES.key(), "US"));
        Map<String, String> config = new HashMap<>(Map.of(Setting.CHANNELS.key(), "sms"));
        loader.load(session, realm, config);

        config.put(Setting.CHANNELS.key(), "sms##call");
        RealmModel edited = realm("r1", Map.of(Setting.ALLOWED_COUNTRIES.key(), "US##DE"));
        StepConfigLoader.Loaded after = loader.load(session, edited, config);

        assertThat(after.config().channels()).containsExactly(Channel.SMS, Channel.CALL);
        assertThat(after.policy().allowedCountries()).containsExactlyInAnyOrder("US", "DE");
    }

    @Test
    void aRotatedVaultSecretIsUsedAtOnce() throws Exception {
        RealmModel realm = realm("r1", null);
        assertThat(loader.load(session, realm, null).config().credentials().authToken()).isEqualTo("token-1");

        vault.put("${vault.twilio}", "token-2");

        assertThat(loader.load(session, realm, null).config().credentials().authToken()).isEqualTo("token-2");
    }

    @Test
    void aSecretRemovedFromTheVaultIsAnErrorNotTheCachedToken() throws Exception {
        RealmModel realm = realm("r1", null);
        loader.load(session, realm, null);

        vault.remove("${vault.twilio}");

        assertThatThrownBy(() -> loader.load(session, realm, null)).isInstanceOf(ConfigException.class);
    }

    @Test
    void anotherRealmWithTheSameConfigGetsItsOwnEntry() throws Exception {
        loader.load(session, realm("r1", null), Map.of());
        loader.load(session, realm("r2", null), Map.of());

        assertThat(loader.cachedConfigs()).isEqualTo(2);
    }

    // ---- the realm's Twilio account ---------------------------------------------------------------------------

    @Test
    void aStepThatLeavesTheAccountBlankRunsWithTheRealmsAccount() throws Exception {
        RealmModel realm = realm("r1", REALM_ACCOUNT);

        VerifyCredentials credentials = loader.load(session, realm, Map.of(Setting.CHANNELS.key(), "sms")).config().credentials();

        assertThat(credentials).isEqualTo(new VerifyCredentials(REALM_ACCOUNT_SID, "realm-token", REALM_SERVICE));
    }

    @Test
    void theRequiredActionUsesTheAccountOfTheStepThatHandedTheUserOverWhenTheRealmHasNone() throws Exception {
        RealmModel realm = realm("r1", Map.of(Setting.DEFAULT_REGION.key(), "US"));
        AuthenticationSessionModel signIn = handedOverBy(realm, "e1", ProviderIds.STEP, STEP_ACCOUNT);

        VerifyCredentials credentials = loader.loadForAction(session, realm, signIn).config().credentials();

        assertThat(credentials).isEqualTo(new VerifyCredentials(STEP_ACCOUNT_SID, "step-token", STEP_SERVICE));
    }

    @Test
    void theRequiredActionPrefersTheRealmsAccountToTheHandingOverStepsOne() throws Exception {
        RealmModel realm = realm("r1", REALM_ACCOUNT);
        AuthenticationSessionModel signIn = handedOverBy(realm, "e1", ProviderIds.STEP, STEP_ACCOUNT);

        assertThat(loader.loadForAction(session, realm, signIn).config().credentials().serviceSid()).isEqualTo(REALM_SERVICE);
    }

    @Test
    void withoutAHandOverTheRequiredActionUsesTheRealmsAccountElseTheServers() throws Exception {
        AuthenticationSessionModel noNote = mock(AuthenticationSessionModel.class); // kc_action, an admin, signup

        assertThat(loader.loadForAction(session, realm("r1", REALM_ACCOUNT), noNote).config().credentials().serviceSid())
                .isEqualTo(REALM_SERVICE);
        assertThat(loader.loadForAction(session, realm("r2", null), noNote).config().credentials().serviceSid()).isEqualTo(SERVICE);
    }

    @Test
    void aNoteNamingAnotherProvidersExecutionOrOneThatIsGoneLendsNoAccount() throws Exception {
        RealmModel realm = realm("r1", null);
        AuthenticationSessionModel otherProvider = handedOverBy(realm, "e1", "auth-otp-form", STEP_ACCOUNT);
        AuthenticationSessionModel gone = mock(AuthenticationSessionModel.class);
        when(gone.getAuthNote(StepConfigLoader.HANDED_OVER_BY)).thenReturn("deleted-execution");

        assertThat(loader.loadForAction(session, realm, otherProvider).config().credentials().serviceSid()).isEqualTo(SERVICE);
        assertThat(loader.loadForAction(session, realm, gone).config().credentials().serviceSid()).isEqualTo(SERVICE);
    }

    @Test
    void theHandOverNoteHoldsOnlyTheExecutionId() {
        AuthenticationSessionModel signIn = mock(AuthenticationSessionModel.class);
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setId("e1");
        execution.setAuthenticatorConfig("c1");

        StepConfigLoader.handOver(signIn, execution);

        verify(signIn).setAuthNote(StepConfigLoader.HANDED_OVER_BY, "e1");
        verifyNoMoreInteractions(signIn);
    }

    @Test
    void aLiteralTokenStoredPastTheGearInTheRealmsSettingsIsNeverUsed() throws Exception {
        Map<String, String> literal = new HashMap<>(REALM_ACCOUNT);
        literal.put(Setting.REALM_AUTH_TOKEN.key(), "literal-token-in-the-realm");

        VerifyCredentials credentials = loader.load(session, realm("r1", literal), null).config().credentials();

        assertThat(credentials.authToken()).as("the server's token, as for a blank setting").isEqualTo("token-1");
    }

    /** A sign-in whose note names execution {@code id} of this provider, with these settings. */
    private static AuthenticationSessionModel handedOverBy(RealmModel realm, String id, String provider, Map<String, String> settings) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setId(id);
        execution.setAuthenticator(provider);
        execution.setAuthenticatorConfig("config-of-" + id);
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setConfig(new HashMap<>(settings));
        when(realm.getAuthenticationExecutionById(id)).thenReturn(execution);
        when(realm.getAuthenticatorConfigById("config-of-" + id)).thenReturn(config);
        AuthenticationSessionModel signIn = mock(AuthenticationSessionModel.class);
        when(signIn.getAuthNote(StepConfigLoader.HANDED_OVER_BY)).thenReturn(id);
        return signIn;
    }

    private KeycloakSession session() {
        KeycloakSession mocked = mock(KeycloakSession.class);
        VaultTranscriber transcriber = mock(VaultTranscriber.class);
        when(mocked.vault()).thenReturn(transcriber);
        when(transcriber.getStringSecret(anyString())).thenAnswer(call -> {
            String value = call.getArgument(0);
            VaultStringSecret secret = mock(VaultStringSecret.class);
            when(secret.get()).thenReturn(value.startsWith("${vault.") ? Optional.ofNullable(vault.get(value)) : Optional.of(value));
            return secret;
        });
        return mocked;
    }

    private static RealmModel realm(String id, Map<String, String> actionConfig) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getId()).thenReturn(id);
        if (actionConfig != null) {
            RequiredActionConfigModel model = new RequiredActionConfigModel();
            model.setConfig(new HashMap<>(actionConfig));
            when(realm.getRequiredActionConfigByAlias(ProviderIds.VERIFY_PHONE_ACTION)).thenReturn(model);
        }
        return realm;
    }

}
