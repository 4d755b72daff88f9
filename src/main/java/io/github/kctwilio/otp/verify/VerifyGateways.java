package io.github.kctwilio.otp.verify;

import java.io.IOException;
import java.util.function.BiFunction;

/** Hands out Verify gateways, on one client per credential set ({@link TwilioClients}). */
public final class VerifyGateways implements AutoCloseable {

    private final TwilioClients clients;
    private final BiFunction<VerifyCredentials, VerifyGateway, VerifyGateway> decorator;

    public VerifyGateways(TransportSettings settings) {
        this(settings, (credentials, gateway) -> gateway);
    }

    /** @param decorator wraps every gateway handed out (given its credentials), e.g. to count its calls for metrics */
    public VerifyGateways(TransportSettings settings, BiFunction<VerifyCredentials, VerifyGateway, VerifyGateway> decorator) {
        this.clients = new TwilioClients(settings);
        this.decorator = decorator;
    }

    public VerifyGateway gatewayFor(VerifyCredentials credentials) {
        return decorator.apply(credentials, new TwilioVerifyGateway(clients.clientFor(credentials), credentials.serviceSid()));
    }

    @Override
    public void close() throws IOException {
        clients.close();
    }
}
