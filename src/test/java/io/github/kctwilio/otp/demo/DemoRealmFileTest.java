package io.github.kctwilio.otp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kctwilio.otp.testsupport.DemoRealm;
import io.github.kctwilio.otp.testsupport.RealmJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * demo/demo-realm.json is static (docker-compose.yml imports it), the test realms are built by {@link RealmJson}.
 * This keeps the two from drifting apart: the demo has the same login flow, step settings and client as the realm
 * the integration tests prove, plus its users and user profile.
 */
class DemoRealmFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode demo = JSON.readTree(DemoRealm.FILE.toFile());
    private final JsonNode generated = DemoRealm.expectedFlowsAndClients();

    DemoRealmFileTest() throws IOException {
    }

    @Test
    void everythingRealmJsonProducesIsInTheDemoRealmUnchanged() {
        List<String> fields = new ArrayList<>();
        generated.fieldNames().forEachRemaining(fields::add);

        assertThat(fields).contains("authenticationFlows", "authenticatorConfig", "browserFlow", "clients", "bruteForceProtected");
        for (String field : fields) {
            assertThat(demo.get(field)).as(field).isEqualTo(generated.get(field));
        }
    }

    @Test
    void aliceHasTheDocumentedNumberAndBobHasNone() {
        JsonNode alice = user(DemoRealm.ALICE);
        JsonNode bob = user(DemoRealm.BOB);

        assertThat(alice.path("attributes").path("phoneNumber").get(0).asText()).isEqualTo(DemoRealm.ALICE_PHONE);
        assertThat(bob.path("attributes").has("phoneNumber")).isFalse();
        for (JsonNode user : List.of(alice, bob)) {
            JsonNode password = user.path("credentials").get(0);
            assertThat(password.path("type").asText()).isEqualTo("password");
            assertThat(password.path("value").asText()).as("password = username, as the README says").isEqualTo(user.path("username").asText());
            assertThat(password.path("temporary").asBoolean()).isFalse();
            // The default user profile requires these; without them Keycloak would ask for them at first login.
            assertThat(user.path("email").asText()).isNotBlank();
            assertThat(user.path("firstName").asText()).isNotBlank();
            assertThat(user.path("lastName").asText()).isNotBlank();
        }
    }

    @Test
    void theUserProfileLetsUsersEnterTheirNumberAtSignupButOnlyAdminsSetItVerified() throws IOException {
        JsonNode providers = demo.path("components").path("org.keycloak.userprofile.UserProfileProvider");
        assertThat(providers.size()).isEqualTo(1);
        JsonNode profile = JSON.readTree(providers.get(0).path("config").path("kc.user.profile.config").get(0).asText());

        List<String> declared = new ArrayList<>();
        for (JsonNode attribute : profile.path("attributes")) {
            declared.add(attribute.path("name").asText());
            if (attribute.path("name").asText().startsWith("phoneNumber")) {
                assertThat(attribute.path("permissions").path("view").toString()).isEqualTo("[\"admin\",\"user\"]");
            }
            if (attribute.path("name").asText().equals("phoneNumber")) {
                // Signup: only an attribute the user may edit is a field of the registration form.
                assertThat(attribute.path("permissions").path("edit").toString()).isEqualTo("[\"admin\",\"user\"]");
            }
            if (attribute.path("name").asText().equals("phoneNumberVerified")) {
                assertThat(attribute.path("permissions").path("edit").toString()).isEqualTo("[\"admin\"]");
            }
        }
        assertThat(declared).containsExactly("username", "email", "firstName", "lastName", "phoneNumber", "phoneNumberVerified");
    }

    private JsonNode user(String username) {
        for (JsonNode user : demo.path("users")) {
            if (username.equals(user.path("username").asText())) {
                return user;
            }
        }
        throw new AssertionError("No user " + username + " in " + DemoRealm.FILE);
    }
}
