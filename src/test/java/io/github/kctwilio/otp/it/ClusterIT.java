package io.github.kctwilio.otp.it;

import static io.github.kctwilio.otp.testsupport.LoginBrowser.CODE_FORM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.AdminApi;
import io.github.kctwilio.otp.testsupport.KeycloakCluster;
import io.github.kctwilio.otp.testsupport.KeycloakDistribution;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import io.github.kctwilio.otp.testsupport.SpiOptionNames;
import io.github.kctwilio.otp.testsupport.TestUsers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The step in a two-node Keycloak cluster (production mode, PostgreSQL, clustered Infinispan through jdbc-ping):
 * whatever a login, a send cap or brute-force detection recorded through one node holds on the other. One cluster
 * serves the three tests. It runs before the single-server suite so that the machine carries two servers, not three.
 */
@Order(1)
class ClusterIT {

    private static final String REALM = "otp-cluster";

    private static VerifyEmulator twilio;
    private static KeycloakCluster cluster;
    private static KeycloakDistribution nodeA;
    private static KeycloakDistribution nodeB;
    private static AdminApi adminA;

    @BeforeAll
    static void startCluster() throws Exception {
        long started = System.nanoTime();
        twilio = VerifyEmulator.start();
        SpiOptionNames spi = SpiOptionNames.forKeycloakUnderTest();
        ObjectNode realm = RealmJson.twilioRealm(REALM, Map.of("resendCooldownSeconds", "0",
                "sendLimitPerNumber", "2/1h", "sendLimitPerUser", "0", "sendLimitPerIp", "0"));
        // Three wrong codes lock the account for ten minutes; no quick-login rule muddles the count.
        realm.put("failureFactor", 3).put("waitIncrementSeconds", 600).put("quickLoginCheckMilliSeconds", 0);
        cluster = KeycloakCluster.start(new KeycloakCluster.Options()
                .workDir(Path.of("target", "cluster-it"))
                .nodes(2)
                .realm(RealmJson.write(realm, Path.of("target", "cluster-it", "realms")))
                .option(spi.option("api-base-url", twilio.baseUrl()))
                .env(spi.env("account-sid"), VerifyEmulator.ACCOUNT_SID)
                .env(spi.env("verify-service-sid"), VerifyEmulator.SERVICE_SID)
                .env("TWILIO_AUTH_TOKEN", VerifyEmulator.AUTH_TOKEN));
        nodeA = cluster.node(0);
        nodeB = cluster.node(1);
        adminA = new AdminApi(nodeA.baseUrl());
        adminA.declarePhoneAttributes(REALM, "phoneNumber", "phoneNumberVerified");
        System.out.printf("Two-node Keycloak cluster ready in %.1f s (node A %.1f s, node B %.1f s)%n",
                (System.nanoTime() - started) / 1e9, nodeA.startupTime().toMillis() / 1000.0, nodeB.startupTime().toMillis() / 1000.0);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    @BeforeEach
    void resetTwilio() {
        twilio.reset();
    }

    @Test
    void aLoginWhoseCodeFormNodeARenderedCompletesWhenTheCodeIsPostedToNodeB() throws Exception {
        assertThat(nodeB.log()).as("node B joined node A (Infinispan view of two members)").containsPattern("ISPN000094.*\\(2\\)");
        String phone = TestUsers.newUsNumber();
        String user = TestUsers.newUser(adminA, REALM, phone);
        LoginBrowser browser = new LoginBrowser(nodeA.baseUrl());

        Page codeForm = browser.signIn(REALM, user);
        assertThat(codeForm.hasForm(CODE_FORM)).as(codeForm.body()).isTrue();
        assertThat(codeForm.url()).startsWith(nodeA.baseUrl());

        Page done = browser.atNode(nodeB.baseUrl()).submitHere(codeForm, CODE_FORM,
                Map.of("code", twilio.lastCodeSentTo(phone).orElseThrow()));

        assertThat(done.url()).as("node B answered the code").startsWith(nodeB.baseUrl());
        assertThat(done.loggedIn()).as(done.toString()).isTrue();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
        assertThat(twilio.count(RequestKind.CHECK)).isEqualTo(1);
    }

    @Test
    void aSendLimitReachedThroughNodeAHoldsOnNodeB() throws Exception {
        String phone = TestUsers.newUsNumber();
        for (int i = 0; i < 2; i++) {
            assertThat(signIn(nodeA, TestUsers.newUser(adminA, REALM, phone)).hasForm(CODE_FORM)).as("send %d through node A", i + 1).isTrue();
        }

        Page refused = signIn(nodeB, TestUsers.newUser(adminA, REALM, phone));

        assertThat(refused.text()).containsPattern("Too many codes were requested\\. Try again in [0-9]+ minutes?\\.");
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("node B sent nothing").isEqualTo(2);
    }

    @Test
    void aBruteForceLockoutRecordedOnNodeAHoldsOnNodeB() throws Exception {
        String phone = TestUsers.newUsNumber();
        String user = TestUsers.newUser(adminA, REALM, phone);
        LoginBrowser browserA = new LoginBrowser(nodeA.baseUrl());
        Page page = browserA.signIn(REALM, user);
        String code = twilio.lastCodeSentTo(phone).orElseThrow();
        String wrong = TestUsers.otherCodeThan(code);
        for (int i = 0; i < 3; i++) {
            page = browserA.enterCode(page, wrong);
        }
        long sendsBefore = twilio.count(RequestKind.CREATE_VERIFICATION);

        Page onB = signIn(nodeB, user);

        assertThat(onB.loggedIn()).isFalse();
        assertThat(onB.hasForm(CODE_FORM)).as("no code form for a locked account").isFalse();
        assertThat(twilio.count(RequestKind.CREATE_VERIFICATION)).as("no SMS for a locked account").isEqualTo(sendsBefore);
        String userId = adminA.userIdByName(REALM, user);
        assertThat(new AdminApi(nodeB.baseUrl()).bruteForceStatus(REALM, userId).path("disabled").asBoolean())
                .as("node B's brute-force record of the user").isTrue();
    }

    private static Page signIn(KeycloakDistribution node, String user) throws Exception {
        return new LoginBrowser(node.baseUrl()).signIn(REALM, user);
    }
}
