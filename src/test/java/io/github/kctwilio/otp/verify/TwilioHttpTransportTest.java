package io.github.kctwilio.otp.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.verify.TwilioHttpTransport.IdleConnections;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.core5.util.TimeValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport's pooled connections against the Verify emulator over HTTP, behind a relay that closes connections
 * from the server side: a connection the server closed while idle is never a failed send, and a busy pool reuses
 * its connection without a stale check.
 */
class TwilioHttpTransportTest {

    private static final String PHONE = "+14155550134";

    private VerifyEmulator emulator;
    private ClosingTcpProxy proxy;

    @BeforeEach
    void start() throws Exception {
        emulator = VerifyEmulator.start();
        proxy = new ClosingTcpProxy(URI.create(emulator.baseUrl()));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        emulator.close();
    }

    @Test
    void connectionClosedByTheServerPastTheCheckWindowIsCheckedAndReplacedNotAFailedSend() throws Exception {
        IdleConnections idle = new IdleConnections(TimeValue.ofMilliseconds(100), TimeValue.ofMinutes(1), TimeValue.ofMinutes(1));
        try (TwilioHttpTransport transport = transport(idle)) {
            VerifyGateway gateway = gateway(transport);
            gateway.start(sms());
            proxy.closeClientConnections();
            Thread.sleep(300);

            gateway.start(sms());

            assertThat(emulator.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
            assertThat(proxy.connectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void connectionIdlePastTheLimitIsClosedInTheBackgroundBeforeTheServerDropsIt() throws Exception {
        // No stale check for 10 minutes: only the background eviction can keep the second send off the dead connection.
        IdleConnections idle = new IdleConnections(TimeValue.ofMinutes(10), TimeValue.ofMilliseconds(200), TimeValue.ofMilliseconds(50));
        try (TwilioHttpTransport transport = transport(idle)) {
            VerifyGateway gateway = gateway(transport);
            gateway.start(sms());
            Thread.sleep(600);
            proxy.closeClientConnections();

            gateway.start(sms());

            assertThat(emulator.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(2);
            assertThat(proxy.connectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void productionSettingsReuseABusyConnectionAndCloseIdleOnesBeforeTheyAreChecked() throws Exception {
        IdleConnections production = TwilioHttpTransport.PRODUCTION_IDLE;
        assertThat(production.validateAfter().compareTo(production.closeAfter())).isNegative();
        try (TwilioHttpTransport transport = transport(production)) {
            VerifyGateway gateway = gateway(transport);
            for (int i = 0; i < 5; i++) {
                gateway.start(sms());
            }
            assertThat(proxy.connectionsAccepted()).isEqualTo(1);
            assertThat(emulator.count(RequestKind.CREATE_VERIFICATION)).isEqualTo(5);
        }
    }

    private TwilioHttpTransport transport(IdleConnections idle) {
        return new TwilioHttpTransport(new TransportSettings(proxy.baseUrl(), Duration.ofSeconds(1), Duration.ofSeconds(2)), idle);
    }

    private static VerifyGateway gateway(TwilioHttpTransport transport) {
        TwilioRestClient client = new TwilioRestClient.Builder(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN)
                .httpClient(transport).build();
        return new TwilioVerifyGateway(client, VerifyEmulator.SERVICE_SID);
    }

    private static VerificationRequest sms() {
        return new VerificationRequest(PHONE, Channel.SMS, null, null, null);
    }
}
