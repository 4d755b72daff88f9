package io.github.kctwilio.otp.testsupport;

import io.github.kctwilio.otp.emulator.VerifyEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Verify emulator and one real Keycloak with the plugin for the whole integration-test run: starting Keycloak
 * takes half a minute, so every test class shares it. Use with {@code @ExtendWith(TestEnvironment.class)} and
 * {@link #get()}.
 */
public final class TestEnvironment implements BeforeAllCallback {

    /** Login step with server-wide credentials, numbers without country code read as US, phone setup allowed, no resend cooldown. */
    public static final String REALM = "otp";
    /** As {@link #REALM}, but users without a phone number may not add one. */
    public static final String REALM_NO_SETUP = "otp-nosetup";
    /** A malformed Verify Service SID in the execution config. */
    public static final String REALM_BROKEN = "otp-broken";
    /** The auth token comes only from Keycloak's file vault; default resend cooldown (30 s). */
    public static final String REALM_VAULT = "otp-vault";
    public static final String VAULT_KEY = "twilio-token";

    /** Short, so that the hanging-Twilio test stays quick; production default is 5000 ms. */
    public static final int READ_TIMEOUT_MS = 2000;

    private static TestEnvironment instance;

    private VerifyEmulator emulator;
    private KeycloakDistribution keycloak;
    private AdminApi admin;

    public static synchronized TestEnvironment get() {
        if (instance == null) {
            instance = new TestEnvironment();
            try {
                instance.start();
            } catch (Exception e) {
                instance.stop();
                instance = null;
                throw new IllegalStateException("Could not start the test environment", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        get();
    }

    private void start() throws Exception {
        emulator = VerifyEmulator.start();
        Path work = Path.of("target", "it");
        Path realms = work.resolve("realms");
        Path vault = work.resolve("vault");
        Files.createDirectories(vault);
        Files.writeString(vault.resolve(REALM_VAULT + "_" + VAULT_KEY), VerifyEmulator.AUTH_TOKEN);

        List<Path> realmFiles = List.of(
                RealmJson.write(RealmJson.twilioRealm(REALM, Map.of("defaultRegion", "US", "allowPhoneSetup", "true", "resendCooldownSeconds", "0")), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_NO_SETUP, Map.of("allowPhoneSetup", "false")), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_BROKEN, Map.of("verifyServiceSid", "VA-not-a-sid")), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_VAULT, Map.of(
                        "accountSid", VerifyEmulator.ACCOUNT_SID,
                        "verifyServiceSid", VerifyEmulator.SERVICE_SID,
                        "authToken", "${vault." + VAULT_KEY + "}")), realms),
                DemoRealm.FILE); // the committed demo realm, imported as docker-compose.yml imports it

        SpiOptionNames spi = SpiOptionNames.forKeycloakUnderTest();
        KeycloakDistribution.Options options = new KeycloakDistribution.Options()
                .logFile(work.resolve("keycloak.log"))
                .option(spi.option("api-base-url", emulator.baseUrl()))
                .option(spi.option("read-timeout-ms", String.valueOf(READ_TIMEOUT_MS)))
                .option("--vault=file")
                .option("--vault-dir=" + vault.toAbsolutePath())
                // The plugin's counters on the management port's /metrics (MetricsIT).
                .option("--metrics-enabled=true")
                // Server-wide defaults, through the environment as an operator would set them in a container.
                .env(spi.env("account-sid"), VerifyEmulator.ACCOUNT_SID)
                .env(spi.env("verify-service-sid"), VerifyEmulator.SERVICE_SID)
                .env("TWILIO_AUTH_TOKEN", VerifyEmulator.AUTH_TOKEN);
        realmFiles.forEach(options::realm);
        keycloak = KeycloakDistribution.start(options);
        System.out.printf("Keycloak %s with the plugin ready in %.1f s%n", System.getProperty("keycloak.version"),
                keycloak.startupTime().toMillis() / 1000.0);

        admin = new AdminApi(keycloak.baseUrl());
        for (String realm : List.of(REALM, REALM_NO_SETUP, REALM_BROKEN, REALM_VAULT)) {
            admin.declarePhoneAttributes(realm, "phoneNumber", "phoneNumberVerified");
        }
    }

    private void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    public VerifyEmulator emulator() {
        return emulator;
    }

    public KeycloakDistribution keycloak() {
        return keycloak;
    }

    public AdminApi admin() {
        return admin;
    }

    public LoginBrowser newBrowser() {
        return new LoginBrowser(keycloak.baseUrl());
    }
}
