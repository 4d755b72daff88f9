package io.github.kctwilio.otp.testsupport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The major and minor version of a Keycloak distribution, for tests whose expectations differ by version. */
public record KeycloakVersion(int major, int minor) {

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+).*");

    public static KeycloakVersion parse(String version) {
        Matcher m = MAJOR_MINOR.matcher(version);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a Keycloak version: " + version);
        }
        return new KeycloakVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The Keycloak the build runs ({@code -Dkeycloak.version}, default the targeted version). */
    public static KeycloakVersion underTest() {
        return parse(System.getProperty("keycloak.version", "26.7.3"));
    }

    public boolean atLeast(int otherMajor, int otherMinor) {
        return major > otherMajor || (major == otherMajor && minor >= otherMinor);
    }
}
