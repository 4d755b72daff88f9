package io.github.kctwilio.otp.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.ServerSettings;
import io.github.kctwilio.otp.config.Setting;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.TransportSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/** Settings are parsed once per config content, yet an edit, a rotated vault secret or another realm is never served stale. */
class StepConfigLoaderTest {

    private static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
    private static final String SERVICE = "VA" + "0123456789abcdef".repeat(2);

    private final ServerSettings server = new ServerSettings(ACCOUNT, "${vault.twilio}", SERVICE,
            new TransportSettings(TransportSettings.TWILIO_VERIFY_URL, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    private final StepConfigLoader loader = new StepConfigLoader(server);
    private final Map<String, String> vault = new HashMap<>(Map.of("${vault.twilio}", "token-1"));
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
