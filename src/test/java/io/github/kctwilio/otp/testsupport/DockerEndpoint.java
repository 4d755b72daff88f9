package io.github.kctwilio.otp.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether this machine shows any sign of a Docker daemon, checked without contacting one. The Docker-only test asks
 * this first, so that on a machine without Docker it is skipped quietly; where a sign exists, Testcontainers' own
 * probe runs and reports what it finds (a daemon that is configured but broken still prints its error).
 */
public final class DockerEndpoint {

    private DockerEndpoint() {
    }

    /** DOCKER_HOST, a docker.host in ~/.testcontainers.properties, or a Docker socket where the usual setups put one. */
    public static boolean configured() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        Path home = Path.of(System.getProperty("user.home"));
        Path testcontainers = home.resolve(".testcontainers.properties");
        try {
            if (Files.isRegularFile(testcontainers) && Files.readString(testcontainers).contains("docker.host")) {
                return true;
            }
        } catch (IOException unreadable) {
            return true; // let Testcontainers read it and say what is wrong
        }
        Stream<Path> rootless = Stream.ofNullable(System.getenv("XDG_RUNTIME_DIR")).map(dir -> Path.of(dir, "docker.sock"));
        return Stream.concat(Stream.of(Path.of("/var/run/docker.sock"), home.resolve(".docker/run/docker.sock"),
                        home.resolve(".docker/desktop/docker.sock"), home.resolve(".colima/default/docker.sock"),
                        home.resolve(".rd/docker.sock")), rootless)
                .anyMatch(Files::exists);
    }
}
