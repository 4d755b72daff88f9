package io.github.kctwilio.otp.verify;

import com.twilio.http.TwilioRestClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TwilioRestClient} per account, built once and reused across logins (never the global
 * {@code Twilio.init}), all on one {@link TwilioHttpTransport} and its connection pool.
 */
public final class TwilioClients implements AutoCloseable {

    private final TwilioHttpTransport transport;
    private final Map<ClientKey, TwilioRestClient> clients = new ConcurrentHashMap<>();

    public TwilioClients(TransportSettings settings) {
        this.transport = new TwilioHttpTransport(settings);
    }

    /** The client of the account these credentials name (their service plays no part). */
    public TwilioRestClient clientFor(VerifyCredentials credentials) {
        return clients.computeIfAbsent(new ClientKey(credentials.accountSid(), credentials.authToken()),
                key -> new TwilioRestClient.Builder(key.accountSid(), key.authToken())
                        .accountSid(key.accountSid())
                        .httpClient(transport)
                        .build());
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
