package io.github.kctwilio.otp.lookup;

import io.github.kctwilio.otp.verify.TransportSettings;
import io.github.kctwilio.otp.verify.TwilioClients;
import io.github.kctwilio.otp.verify.VerifyCredentials;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Hands out Lookup gateways, on clients and a transport of their own: Lookup lives on another host
 * ({@code lookups.twilio.com}) than Verify, and the transport replaces the host of every request. The transport is the
 * Verify one's in every other way: short timeouts, no retries, one request per call.
 */
public final class LookupGateways implements AutoCloseable {

    public static final URI TWILIO_LOOKUP_URL = URI.create("https://lookups.twilio.com");

    private final TwilioClients clients;
    private final Clock clock;
    private final UnaryOperator<LookupGateway> decorator;

    /**
     * @param settings  where Lookup is ({@link #TWILIO_LOOKUP_URL}, the emulator, a proxy) and how long we wait
     * @param decorator wraps every gateway handed out, e.g. to count its calls for metrics
     */
    public LookupGateways(TransportSettings settings, Clock clock, UnaryOperator<LookupGateway> decorator) {
        this.clients = new TwilioClients(settings);
        this.clock = clock;
        this.decorator = decorator;
    }

    /** The account of these Verify credentials (Lookup needs no service). */
    public LookupGateway gatewayFor(VerifyCredentials credentials) {
        return decorator.apply(new TwilioLookupGateway(clients.clientFor(credentials), clock));
    }

    @Override
    public void close() throws IOException {
        clients.close();
    }
}
