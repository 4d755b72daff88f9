package io.github.kctwilio.otp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The version scheme (README, "Versions and releases"): KEYCLOAK_MAJOR.MINOR.PATCH, optionally -SNAPSHOT. Plain
 * numbers order the same in Maven and in SemVer, and the major says which Keycloak a release targets, so moving
 * the SPI to another Keycloak major without moving the plugin's major fails here.
 */
class ReleaseVersionTest {

    private final String pom = Files.readString(Path.of(System.getProperty("basedir", "."), "pom.xml"));

    ReleaseVersionTest() throws IOException {
    }

    @Test
    void projectVersionIsNumericAndItsMajorIsTheTargetedKeycloakMajor() {
        String version = first("<artifactId>keycloak-twilio-otp</artifactId>\\s*(?:<!--(?s:.*?)-->\\s*)?<version>([^<]+)</version>");
        String keycloak = first("<keycloak.spi.version>([^<]+)</keycloak.spi.version>");

        assertThat(version).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(version.substring(0, version.indexOf('.'))).isEqualTo(keycloak.substring(0, keycloak.indexOf('.')));
    }

    @Test
    void theChangelogHasASectionForThisVersion() throws IOException {
        String version = first("<artifactId>keycloak-twilio-otp</artifactId>\\s*(?:<!--(?s:.*?)-->\\s*)?<version>([^<]+)</version>")
                .replace("-SNAPSHOT", "");
        String changelog = Files.readString(Path.of(System.getProperty("basedir", "."), "CHANGELOG.md"));

        assertThat(changelog).contains("## [" + version + "]");
    }

    private String first(String regex) {
        Matcher m = Pattern.compile(regex).matcher(pom);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
