package io.github.kctwilio.otp.testsupport;

import java.nio.file.Path;

/** The demo realm file shared by {@code mvn -Pdemo package}, docker-compose.yml and the tests. */
public final class DemoRealm {

    public static final Path FILE = Path.of(System.getProperty("project.basedir", "."), "demo", "demo-realm.json");
    public static final String REALM = "demo";
    public static final String ALICE = "alice";
    public static final String ALICE_PHONE = "+14155550134";
    public static final String BOB = "bob";

    private DemoRealm() {
    }
}
