package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.SpiOptionNames;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.Testcontainers;
import org.testcontainers.junit.jupiter.Container;

/**
 * The login on the official Keycloak image through testcontainers-keycloak. Opt-in: it needs a Docker daemon, and
 * without one it is reported as skipped (never as passed). The distribution-based tests cover the same ground here.
 * Without any sign of Docker it is skipped before Testcontainers probes for a daemon (whose failed probe logs an ERROR
 * a green run should not show); where one is configured, Testcontainers' probe decides and says why.
 */
@EnabledIf(value = "io.github.kctwilio.otp.testsupport.DockerEndpoint#configured",
        disabledReason = "no Docker daemon configured (DOCKER_HOST, ~/.testcontainers.properties or a docker.sock)")
@org.testcontainers.junit.jupiter.Testcontainers(disabledWithoutDocker = true)
class ContainerLoginIT {

    private static final String REALM = "otp-container";

    private static VerifyEmulator emulator = VerifyEmulator.start();

    @Container
    private static final KeycloakContainer KEYCLOAK = new KeycloakContainer("quay.io/keycloak/keycloak:" + System.getProperty("keycloak.version", "26.7.3"))
            .withProviderLibsFrom(List.of(new File(System.getProperty("plugin.jar"))))
            .withRealmImportFile(realmFile())
            .withEnv(SpiOptionNames.forKeycloakUnderTest().env("api-base-url"), "http://host.testcontainers.internal:" + emulator.port())
            .withEnv("TWILIO_ACCOUNT_SID", VerifyEmulator.ACCOUNT_SID)
            .withEnv("TWILIO_AUTH_TOKEN", VerifyEmulator.AUTH_TOKEN)
            .withEnv("TWILIO_VERIFY_SID", VerifyEmulator.SERVICE_SID)
            .withAccessToHost(true);

    @BeforeAll
    static void exposeEmulator() {
        Testcontainers.exposeHostPorts(emulator.port());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void userWithPhoneLogsInWithTheCodeOnTheOfficialImage() throws Exception {
        AdminApi admin = new AdminApi(KEYCLOAK.getAuthServerUrl());
        admin.declarePhoneAttributes(REALM, "phoneNumber", "phoneNumberVerified");
        String phone = TestUsers.newUsNumber();
        TestUsers.create(admin, REALM, "container-user", phone);
        LoginBrowser browser = new LoginBrowser(KEYCLOAK.getAuthServerUrl());

        Page codeForm = browser.signIn(REALM, "container-user");
        Page done = browser.enterCode(codeForm, emulator.lastCodeSentTo(phone).orElseThrow());

        assertThat(done.loggedIn()).isTrue();
        assertThat(emulator.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(emulator.count(RequestKind.CHECK)).isEqualTo(1);
    }

    /** The realm file, written into the test classes so that the container can import it from the class path. */
    private static String realmFile() {
        try {
            Path dir = Path.of("target", "test-classes", "container");
            RealmJson.write(RealmJson.twilioRealm(REALM, Map.of("defaultRegion", "US")), dir);
            return "container/" + REALM + "-realm.json";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
