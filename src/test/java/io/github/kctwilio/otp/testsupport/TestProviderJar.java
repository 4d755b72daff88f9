package io.github.kctwilio.otp.testsupport;

import io.github.kctwilio.otp.testsupport.servertime.ServerTimeResourceFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The test-only providers (package {@code testsupport.servertime}) as a jar for the test Keycloak's providers/, built
 * from the compiled test classes at the start of the run. They never reach the plugin jar.
 */
final class TestProviderJar {

    private static final String SERVICES = "META-INF/services/org.keycloak.services.resource.RealmResourceProviderFactory";
    /** Fixed entry times: the same classes give the same jar. */
    private static final FileTime ENTRY_TIME = FileTime.fromMillis(0);

    private TestProviderJar() {
    }

    /** Writes {@code dir/twilio-otp-test-providers.jar} and returns it. */
    static Path write(Path dir) throws IOException {
        String packagePath = ServerTimeResourceFactory.class.getPackageName().replace('.', '/');
        Path classes = classesRoot().resolve(packagePath);
        List<Path> classFiles;
        try (Stream<Path> files = Files.list(classes)) {
            classFiles = files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
        Files.createDirectories(dir);
        Path jar = dir.resolve("twilio-otp-test-providers.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Path classFile : classFiles) {
                add(zip, packagePath + "/" + classFile.getFileName(), Files.readAllBytes(classFile));
            }
            add(zip, SERVICES, (ServerTimeResourceFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void add(JarOutputStream zip, String name, byte[] content) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setLastModifiedTime(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** target/test-classes, where the build compiled the providers. */
    private static Path classesRoot() throws IOException {
        try {
            return Path.of(ServerTimeResourceFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Cannot locate the compiled test classes", e);
        }
    }
}
