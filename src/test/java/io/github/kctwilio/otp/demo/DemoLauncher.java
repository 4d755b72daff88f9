package io.github.kctwilio.otp.demo;

import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.DemoRealm;
import io.github.kctwilio.otp.testsupport.KeycloakDistribution;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.SpiOptionNames;
import java.nio.file.Path;

/**
 * {@code mvn -Pdemo package}: Keycloak 26.7.3 with the plugin, the demo realm ({@code demo/demo-realm.json}, the same
 * file docker-compose.yml imports: users alice and bob, phone attributes declared) and the Verify emulator on localhost.
 * With TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_VERIFY_SID set, it talks to real Twilio instead.
 * Ctrl-C stops everything.
 */
public final class DemoLauncher {

    static final String REALM = DemoRealm.REALM;
    static final String ALICE_PHONE = DemoRealm.ALICE_PHONE;

    private DemoLauncher() {
    }

    public static void main(String[] args) throws Exception {
        boolean realTwilio = System.getenv("TWILIO_ACCOUNT_SID") != null && System.getenv("TWILIO_AUTH_TOKEN") != null
                && System.getenv("TWILIO_VERIFY_SID") != null;
        int port = Integer.getInteger("demo.port", 8080);
        Path work = Path.of("target", "demo");

        VerifyEmulator emulator = realTwilio ? null : VerifyEmulator.start(Integer.getInteger("demo.emulator.port", 0),
                VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN);
        if (emulator != null) {
            emulator.onSend(sent -> System.out.printf("%n>>> Verify emulator: %s code for %s is %s%n%n", sent.channel(), sent.to(), sent.code()));
        }

        KeycloakDistribution.Options options = new KeycloakDistribution.Options()
                .httpPort(port)
                .logFile(work.resolve("keycloak.log"))
                .realm(DemoRealm.FILE);
        if (emulator != null) {
            options.option(SpiOptionNames.forKeycloakUnderTest().option("api-base-url", emulator.baseUrl()))
                    .option(SpiOptionNames.forKeycloakUnderTest().option("lookup-api-base-url", emulator.baseUrl()))
                    .env("TWILIO_ACCOUNT_SID", VerifyEmulator.ACCOUNT_SID)
                    .env("TWILIO_AUTH_TOKEN", VerifyEmulator.AUTH_TOKEN)
                    .env("TWILIO_VERIFY_SID", VerifyEmulator.SERVICE_SID);
        }
        System.out.println("Starting Keycloak on port " + port + " (about a minute the first time; log: " + work.resolve("keycloak.log") + ") ...");
        KeycloakDistribution keycloak = KeycloakDistribution.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            keycloak.close();
            if (emulator != null) {
                emulator.close();
            }
        }));

        System.out.println();
        System.out.println("==================================================================");
        System.out.println(" Keycloak with Twilio OTP is ready (" + keycloak.startupTime().toSeconds() + " s)");
        System.out.println();
        System.out.println(" Sign in:   " + keycloak.baseUrl() + "/realms/" + REALM + "/account");
        System.out.println("   alice / alice  has phone " + ALICE_PHONE + ": a code is sent at once");
        System.out.println("   bob   / bob    has no phone: enter one (e.g. (415) 555-0199), then the code");
        System.out.println("   'Forgot password?' sends alice a code before she sets a new password");
        System.out.println("   'Register' asks a new user for a number and verifies it by code");
        System.out.println(" Step-up: client '" + DemoRealm.STEP_UP_CLIENT + "' asks for the code only when an application sends");
        System.out.println("   acr_values=gold, e.g. " + keycloak.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/auth"
                + "?client_id=" + DemoRealm.STEP_UP_CLIENT + "&response_type=code&scope=openid&acr_values=gold"
                + "&redirect_uri=" + keycloak.baseUrl() + "/");
        System.out.println(" Admin console: " + keycloak.baseUrl() + "/admin  (admin / admin), realm '" + REALM + "',");
        System.out.println("   Authentication > " + RealmJson.FLOW_ALIAS + " > Twilio OTP (gear) for its settings");
        System.out.println();
        if (emulator != null) {
            System.out.println(" Codes: no SMS is sent. The Verify emulator (" + emulator.baseUrl() + ") prints");
            System.out.println("   every code it 'sends' right here, as '>>> Verify emulator: sms code for ...'.");
        } else {
            System.out.println(" Codes: sent by real Twilio Verify (TWILIO_* variables are set).");
            System.out.println("   alice's number is fictional: sign in as bob and enter your own phone.");
        }
        System.out.println();
        System.out.println(" Ctrl-C stops Keycloak and the emulator.");
        System.out.println("==================================================================");
        keycloak.waitFor();
    }
}
