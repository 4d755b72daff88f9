package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.TestEnvironment;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** Admin console → Server info → Providers: the plugin's version and non-secret server settings, never the token. */
class ServerInfoIT extends KeycloakITBase {

    @Test
    void serverInfoShowsVersionAndServerSettingsButNeverTheAuthToken() throws Exception {
        String body = admin.send("GET", "/admin/serverinfo", null).body();
        JsonNode info = new ObjectMapper().readTree(body)
                .path("providers").path("authenticator").path("providers").path("twilio-otp").path("operationalInfo");

        assertThat(info.isObject()).as("operationalInfo of twilio-otp in %s", body.length() > 400 ? body.substring(0, 400) : body).isTrue();
        assertThat(info.path("version").asText()).isEqualTo(implementationVersionOfThePluginJar());
        // Keycloak reaches the emulator through the test environment's TCP proxy.
        assertThat(info.path("api-base-url").asText()).isEqualTo("http://127.0.0.1:" + env.twilioLink().port());
        assertThat(info.path("lookup-api-base-url").asText()).isEqualTo("http://127.0.0.1:" + env.twilioLink().port());
        assertThat(info.path("read-timeout-ms").asText()).isEqualTo(String.valueOf(TestEnvironment.READ_TIMEOUT_MS));
        assertThat(info.path("connect-timeout-ms").asText()).isEqualTo("2000");
        assertThat(info.path("account-sid").asText()).isEqualTo(VerifyEmulator.ACCOUNT_SID);
        assertThat(info.path("verify-service-sid").asText()).isEqualTo(VerifyEmulator.SERVICE_SID);
        // The server has a token (TWILIO_AUTH_TOKEN): the page says so, and nothing in the whole answer shows it.
        assertThat(info.path("auth-token").asText()).isEqualTo("(set)");
        assertThat(body).doesNotContain(VerifyEmulator.AUTH_TOKEN);
    }

    private static String implementationVersionOfThePluginJar() throws Exception {
        try (JarFile jar = new JarFile(Path.of(System.getProperty("plugin.jar")).toFile())) {
            String version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
            assertThat(version).as("Implementation-Version in the jar's manifest").isNotBlank();
            return version;
        }
    }
}
