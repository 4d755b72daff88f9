package io.github.kctwilio.otp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.VerifyEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker daemon); scripts/validate-compose.sh checks its syntax with
 * docker-compose. This checks that what it names still exists and agrees with the code: the Keycloak the build
 * targets, the emulator's class and fake credentials, the demo realm file, the providers directory.
 */
class ComposeFileTest {

    private final Path basedir = Path.of(System.getProperty("basedir", "."));
    private final String compose = Files.readString(basedir.resolve("docker-compose.yml"));

    ComposeFileTest() throws IOException {
    }

    @Test
    void keycloakImageIsTheVersionTheBuildTargets() throws IOException {
        Matcher target = Pattern.compile("<keycloak.spi.version>([^<]+)</keycloak.spi.version>")
                .matcher(Files.readString(basedir.resolve("pom.xml")));
        assertThat(target.find()).isTrue();

        Matcher images = Pattern.compile("image: quay.io/keycloak/keycloak:(\\S+)").matcher(compose);
        int count = 0;
        while (images.find()) {
            assertThat(images.group(1)).isEqualTo(target.group(1));
            count++;
        }
        assertThat(count).as("keycloak and verify-emulator services").isEqualTo(2);
    }

    @Test
    void emulatorClassAndItsFakeCredentialsMatchTheCode() {
        assertThat(compose).contains("\"" + VerifyEmulator.class.getName() + "\"");
        assertThat(compose).contains(":-" + VerifyEmulator.ACCOUNT_SID + "}");
        assertThat(compose).contains(":-" + VerifyEmulator.AUTH_TOKEN + "}");
        assertThat(compose).contains(":-" + VerifyEmulator.SERVICE_SID + "}");
    }

    @Test
    void mountedFilesComeFromTheBuildAndTheRepository() {
        assertThat(compose).contains("- ./target/providers:/opt/keycloak/providers:ro");
        assertThat(compose).contains("- ./demo/demo-realm.json:/opt/keycloak/data/import/demo-realm.json:ro");
        assertThat(compose).contains("- ./target/test-classes:/emulator/classes:ro");
        assertThat(basedir.resolve("demo/demo-realm.json")).isRegularFile();
        // The emulator runs from the compiled test classes, which this very test run has produced.
        assertThat(basedir.resolve("target/test-classes/" + VerifyEmulator.class.getName().replace('.', '/') + ".class")).isRegularFile();
    }
}
