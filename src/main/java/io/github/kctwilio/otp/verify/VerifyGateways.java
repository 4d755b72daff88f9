package io.github.kctwilio.otp.verify;

import com.twilio.http.TwilioRestClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Hands out gateways. One {@link TwilioRestClient} per credential set, built once and reused across logins
 * (never the global {@code Twilio.init}); all of them share one HTTP transport and its connection pool.
 */
public final class VerifyGateways implements AutoCloseable {

    private final TwilioHttpTransport transport;
    private final Map<ClientKey, TwilioRestClient> clients = new ConcurrentHashMap<>();
    private final UnaryOperator<VerifyGateway> decorator;

    public VerifyGateways(TransportSettings settings) {
        this(settings, UnaryOperator.identity());
    }

    /** @param decorator wraps every gateway handed out, e.g. to count its calls for metrics */
    public VerifyGateways(TransportSettings settings, UnaryOperator<VerifyGateway> decorator) {
        this.transport = new TwilioHttpTransport(settings);
        this.decorator = decorator;
    }

    public VerifyGateway gatewayFor(VerifyCredentials credentials) {
        TwilioRestClient client = clients.computeIfAbsent(
                new ClientKey(credentials.accountSid(), credentials.authToken()),
                key -> new TwilioRestClient.Builder(key.accountSid(), key.authToken())
                        .accountSid(key.accountSid())
                        .httpClient(transport)
                        .build());
        return decorator.apply(new TwilioVerifyGateway(client, credentials.serviceSid()));
    }

    @Override
    public void close() throws IOException {
        clients.clear();
        transport.close();
    }

    private record ClientKey(String accountSid, String authToken) {
        @Override
        public String toString() {
            return "ClientKey[" + accountSid + "]";
        }
    }
}
