package io.github.kctwilio.otp.verify;

import java.io.IOException;
import java.util.function.UnaryOperator;

/** Hands out Verify gateways, on one client per credential set ({@link TwilioClients}). */
public final class VerifyGateways implements AutoCloseable {

    private final TwilioClients clients;
    private final UnaryOperator<VerifyGateway> decorator;

    public VerifyGateways(TransportSettings settings) {
        this(settings, UnaryOperator.identity());
    }

    /** @param decorator wraps every gateway handed out, e.g. to count its calls for metrics */
    public VerifyGateways(TransportSettings settings, UnaryOperator<VerifyGateway> decorator) {
        this.clients = new TwilioClients(settings);
        this.decorator = decorator;
    }

    public VerifyGateway gatewayFor(VerifyCredentials credentials) {
        return decorator.apply(new TwilioVerifyGateway(clients.clientFor(credentials), credentials.serviceSid()));
    }

    @Override
    public void close() throws IOException {
        clients.close();
    }
}
