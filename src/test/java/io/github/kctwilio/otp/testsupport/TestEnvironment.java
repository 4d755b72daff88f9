package io.github.kctwilio.otp.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.emulator.SentCode;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Verify emulator and one real Keycloak with the plugin for the whole integration-test run: starting Keycloak
 * takes half a minute, so every test class shares it. Use with {@code @ExtendWith(TestEnvironment.class)} and
 * {@link #get()}; the integration tests get it, reset between tests, from {@code it.KeycloakITBase}.
 */
public final class TestEnvironment implements BeforeAllCallback {

    /**
     * Login step with server-wide credentials, numbers without country code read as US, phone setup allowed, no resend
     * cooldown, no per-address send cap.
     */
    public static final String REALM = "otp";
    /** As {@link #REALM}, but users without a phone number may not add one. */
    public static final String REALM_NO_SETUP = "otp-nosetup";
    /** A malformed Verify Service SID in the execution config. */
    public static final String REALM_BROKEN = "otp-broken";
    /** The auth token comes only from Keycloak's file vault; the default resend waits (the first 30 s). */
    public static final String REALM_VAULT = "otp-vault";
    public static final String VAULT_KEY = "twilio-token";
    /** Tight send limits (2 per number, 3 per user, 2 per login), no IP limit, no resend cooldown. */
    public static final String REALM_LIMITS = "otp-limits";
    /** Only an IP limit (3 per hour), so that requests from 127.0.0.1 in other realms are not affected. */
    public static final String REALM_IP_LIMIT = "otp-iplimit";
    /** Brute-force detection with permanent lockout after 3 failures. */
    public static final String REALM_PERMANENT_LOCKOUT = "otp-lockout";
    /** Every channel offered, no resend cooldown, its own Verify Service. */
    public static final String REALM_CHANNELS = "otp-channels";
    /** Its own Verify Service, where a test makes Twilio refuse SMS as disabled (60223). */
    public static final String REALM_DISABLED_CHANNEL = "otp-disabled";
    /** Its own Verify Service, for the 60223 case of the fault matrix. */
    public static final String REALM_FAULT_CHANNEL = "otp-fault-channel";
    /** Keycloak's older "keycloak" login theme. */
    public static final String REALM_CLASSIC_THEME = "otp-classic";
    /** A custom theme on Keycloak's base theme that overrides our phone form (src/test/resources/themes/otp-custom). */
    public static final String REALM_CUSTOM_THEME = "otp-custom";
    /** Second factor: the Twilio step or the authenticator app, as alternatives; user {@link #TOTP_USER} has both. */
    public static final String REALM_ALTERNATIVES = "otp-alternatives";
    public static final String TOTP_USER = "totp-user";
    public static final String TOTP_USER_PHONE = "+14155559000";
    public static final String TOTP_SECRET = "twilio-otp-test-totp-secret";
    /**
     * Imported at start with a literal Auth Token in the settings of "Verify phone number" (RequiredActionTokenIT); not
     * in {@link #REALMS}, whose action settings the start writes over.
     */
    public static final String REALM_ACTION_TOKEN_AT_START = "otp-startup-action-token";

    public static final List<String> REALMS = List.of(REALM, REALM_NO_SETUP, REALM_BROKEN, REALM_VAULT, REALM_LIMITS,
            REALM_IP_LIMIT, REALM_PERMANENT_LOCKOUT, REALM_CHANNELS, REALM_DISABLED_CHANNEL, REALM_FAULT_CHANNEL,
            REALM_CLASSIC_THEME, REALM_CUSTOM_THEME, REALM_ALTERNATIVES);

    /** The plugin's log category, run at TRACE for the whole integration run. */
    public static final String PLUGIN_LOG_CATEGORY = "io.github.kctwilio";

    /** Short, so that the hanging-Twilio test stays quick; production default is 5000 ms. */
    public static final int READ_TIMEOUT_MS = 2000;

    private static TestEnvironment instance;

    private VerifyEmulator emulator;
    private TcpProxy twilioLink;
    private final List<SentCode> sentCodes = new CopyOnWriteArrayList<>();
    private KeycloakDistribution keycloak;
    private AdminApi admin;
    private Map<String, Map<String, String>> verifyPhoneSettings;

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
        emulator.onSend(sentCodes::add);
        // Keycloak reaches the emulator through a proxy that tests can switch to "connection refused".
        twilioLink = new TcpProxy(emulator.port());
        Path work = Path.of("target", "it");
        Path realms = work.resolve("realms");
        Path vault = work.resolve("vault");
        Files.createDirectories(vault);
        Files.writeString(vault.resolve(REALM_VAULT + "_" + VAULT_KEY), VerifyEmulator.AUTH_TOKEN);

        // Each realm's step settings; the required action "Verify phone number" gets the same ones, so a user without
        // a number verifies one under the same rules. REALM_NO_SETUP does not offer that action.
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        // No per-address cap here: every test signs in from 127.0.0.1, and REALM_IP_LIMIT proves that cap on its own.
        settings.put(REALM, Map.of("defaultRegion", "US", "resendCooldownSeconds", "0", "sendLimitPerIp", "0"));
        settings.put(REALM_BROKEN, Map.of("verifyServiceSid", "VA-not-a-sid"));
        settings.put(REALM_VAULT, Map.of("accountSid", VerifyEmulator.ACCOUNT_SID, "verifyServiceSid", VerifyEmulator.SERVICE_SID,
                "authToken", "${vault." + VAULT_KEY + "}"));
        settings.put(REALM_LIMITS, Map.of("resendCooldownSeconds", "0", "sendLimitPerNumber", "2/1h", "sendLimitPerUser", "3/1h",
                "sendLimitPerIp", "0", "maxSendsPerLogin", "2"));
        settings.put(REALM_IP_LIMIT, Map.of("sendLimitPerNumber", "0", "sendLimitPerUser", "0", "sendLimitPerIp", "3/1h"));
        settings.put(REALM_CHANNELS, Map.of("verifyServiceSid", serviceSid('1'), "channels", "sms##call##whatsapp##email",
                "resendCooldownSeconds", "0", "defaultRegion", "US"));
        settings.put(REALM_DISABLED_CHANNEL, Map.of("verifyServiceSid", serviceSid('2'), "channels", "sms##call"));
        settings.put(REALM_FAULT_CHANNEL, Map.of("verifyServiceSid", serviceSid('3'), "channels", "sms##call"));
        verifyPhoneSettings = settings;

        List<Path> realmFiles = List.of(
                RealmJson.write(RealmJson.twilioRealm(REALM, settings.get(REALM)), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_NO_SETUP, Map.of("resetWithoutPhone", "skip")), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_BROKEN, settings.get(REALM_BROKEN)), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_VAULT, settings.get(REALM_VAULT)), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_LIMITS, settings.get(REALM_LIMITS)), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_IP_LIMIT, settings.get(REALM_IP_LIMIT)), realms),
                RealmJson.write(permanentLockout(RealmJson.twilioRealm(REALM_PERMANENT_LOCKOUT, Map.of())), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_CHANNELS, settings.get(REALM_CHANNELS)), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_DISABLED_CHANNEL, settings.get(REALM_DISABLED_CHANNEL)), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_FAULT_CHANNEL, settings.get(REALM_FAULT_CHANNEL)), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_CLASSIC_THEME, Map.of()).put("loginTheme", "keycloak"), realms),
                RealmJson.write(RealmJson.twilioRealm(REALM_CUSTOM_THEME, Map.of()).put("loginTheme", "otp-custom"), realms),
                RealmJson.write(alternatives(), realms),
                RealmJson.write(RealmJson.withVerifyPhoneAction(RealmJson.twilioRealm(REALM_ACTION_TOKEN_AT_START, Map.of()),
                        Map.of("authToken", VerifyEmulator.AUTH_TOKEN, "defaultRegion", "US")), realms),
                DemoRealm.FILE); // the committed demo realm, imported as docker-compose.yml imports it

        SpiOptionNames spi = SpiOptionNames.forKeycloakUnderTest();
        KeycloakDistribution.Options options = new KeycloakDistribution.Options()
                .logFile(work.resolve("keycloak.log"))
                .option(spi.option("api-base-url", "http://127.0.0.1:" + twilioLink.port()))
                // Lookup v2 answers on the emulator's port too, behind the same switchable link.
                .option(spi.option("lookup-api-base-url", "http://127.0.0.1:" + twilioLink.port()))
                .option(spi.option("read-timeout-ms", String.valueOf(READ_TIMEOUT_MS)))
                .option("--vault=file")
                .option("--vault-dir=" + vault.toAbsolutePath())
                // The plugin's counters on the management port's /metrics (MetricsIT).
                .option("--metrics-enabled=true")
                // What an admin troubleshooting the plugin turns on: its whole category at TRACE, which includes the
                // bundled HTTP client and twilio-java (relocated under it). LogAndEventHygieneIT scans that log.
                .option("--log-level=INFO," + PLUGIN_LOG_CATEGORY + ":trace")
                // Server-wide defaults, through the environment as an operator would set them in a container.
                .env(spi.env("account-sid"), VerifyEmulator.ACCOUNT_SID)
                .env(spi.env("verify-service-sid"), VerifyEmulator.SERVICE_SID)
                .env("TWILIO_AUTH_TOKEN", VerifyEmulator.AUTH_TOKEN);
        realmFiles.forEach(options::realm);
        // Test-only: the endpoint that moves the server's time (ServerTime), so that tests need not wait ten minutes.
        options.testProvider(TestProviderJar.write(work));
        options.theme(Path.of("src", "test", "resources", "themes", "otp-custom"));
        keycloak = KeycloakDistribution.start(options);
        System.out.printf("Keycloak %s with the plugin ready in %.1f s%n", System.getProperty("keycloak.version"),
                keycloak.startupTime().toMillis() / 1000.0);

        admin = new AdminApi(keycloak.baseUrl());
        for (String realm : REALMS) {
            admin.declarePhoneAttributes(realm, "phoneNumber", "phoneNumberVerified");
            if (!realm.equals(REALM_NO_SETUP)) {
                admin.enableVerifyPhoneAction(realm, verifyPhoneSettings.getOrDefault(realm, Map.of()));
            }
        }
    }

    /** A Verify Service SID of the emulator's account other than the default one: "VA" and 32 times the digit. */
    public static String serviceSid(char digit) {
        return "VA" + String.valueOf(digit).repeat(32);
    }

    private static ObjectNode alternatives() {
        ObjectNode realm = RealmJson.alternativesRealm(REALM_ALTERNATIVES, Map.of());
        RealmJson.addUserWithTotp(realm, TOTP_USER, TestUsers.PASSWORD, TOTP_USER_PHONE, TOTP_SECRET);
        return realm;
    }

    private static ObjectNode permanentLockout(ObjectNode realm) {
        // Keycloak's quick-login check would lock temporarily first; switch it off so the third failure counts.
        return realm.put("permanentLockout", true).put("failureFactor", 3).put("quickLoginCheckMilliSeconds", 0);
    }

    private void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (twilioLink != null) {
            try {
                twilioLink.close();
            } catch (java.io.IOException ignored) {
                // the JVM is ending
            }
        }
    }

    /** Switches Keycloak's connection to Twilio between working and "connection refused". */
    public TcpProxy twilioLink() {
        return twilioLink;
    }

    /** Every code the emulator sent during the whole run (reset() of the emulator does not clear it). */
    public List<SentCode> sentCodes() {
        return List.copyOf(sentCodes);
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

    /** Moves the time of this Keycloak and of the emulator together; close it to put both back. */
    public ServerTime serverTime() {
        return new ServerTime(admin, emulator);
    }

    public LoginBrowser newBrowser() {
        return new LoginBrowser(keycloak.baseUrl());
    }
}
