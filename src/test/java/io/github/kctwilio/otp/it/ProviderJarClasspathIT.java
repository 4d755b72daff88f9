package io.github.kctwilio.otp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The provider jar must not bring a second copy of anything Keycloak ships: provider jars share Keycloak's class
 * path, so a duplicate class breaks on the next Keycloak upgrade. Checked against the real distribution's lib/.
 */
class ProviderJarClasspathIT {

    private final Path pluginJar = Path.of(System.getProperty("plugin.jar"));
    private final Path keycloakLib = Path.of(System.getProperty("keycloak.home"), "lib");

    @Test
    void providerJarSharesNoClassWithTheKeycloakDistribution() throws IOException {
        Set<String> ours = classesIn(pluginJar);
        Set<String> keycloak = new HashSet<>();
        List<Path> jars;
        try (Stream<Path> files = Files.walk(keycloakLib)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
        }
        for (Path jar : jars) {
            keycloak.addAll(classesIn(jar));
        }

        Set<String> overlap = new TreeSet<>(ours);
        overlap.retainAll(keycloak);

        assertThat(jars).as("Keycloak's lib/ jars").hasSizeGreaterThan(100);
        assertThat(ours).as("our jar's classes").hasSizeGreaterThan(1000);
        assertThat(overlap).as("classes both in our jar and in Keycloak's lib/").isEmpty();
    }

    @Test
    void bundledLibrariesAreRelocatedAndNothingKeycloakShipsIsBundled() throws IOException {
        Set<String> ours = classesIn(pluginJar);

        assertThat(ours).allMatch(c -> c.startsWith("io/github/kctwilio/otp/"), "every class under our package");
        assertThat(ours).anyMatch(c -> c.startsWith("io/github/kctwilio/otp/shaded/com/twilio/"));
        assertThat(ours).anyMatch(c -> c.startsWith("io/github/kctwilio/otp/shaded/org/apache/hc/core5/http2/"));
        assertThat(ours).noneMatch(c -> c.contains("/com/fasterxml/jackson/") || c.contains("/org/apache/commons/")
                || c.contains("/com/google/gson/"));
        // The one exception, on purpose: a private SLF4J bound to its no-op provider, so the bundled HTTP client and
        // twilio-java never log (their header and wire logs would sit under our category). Keycloak's SLF4J is not bundled.
        assertThat(ours).filteredOn(c -> c.contains("/org/slf4j/"))
                .allMatch(c -> c.startsWith("io/github/kctwilio/otp/shaded/org/slf4j/"))
                .anyMatch(c -> c.startsWith("io/github/kctwilio/otp/shaded/org/slf4j/nop/"));
    }

    @Test
    void themeResourcesAndServiceRegistrationArePackaged() throws IOException {
        try (ZipFile jar = new ZipFile(pluginJar.toFile())) {
            assertThat(jar.getEntry("theme-resources/templates/twilio-otp-code.ftl")).isNotNull();
            assertThat(jar.getEntry("theme-resources/templates/twilio-otp-phone.ftl")).isNotNull();
            assertThat(jar.getEntry("theme-resources/messages/messages_en.properties")).isNotNull();
            assertThat(jar.getEntry("META-INF/services/org.keycloak.authentication.AuthenticatorFactory")).isNotNull();
        }
    }

    private static Set<String> classesIn(Path jar) throws IOException {
        Set<String> classes = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class") && !name.startsWith("META-INF/")) {
                    classes.add(name);
                }
            }
        }
        return classes;
    }
}
