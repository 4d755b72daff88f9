package io.github.kctwilio.otp.testsupport.servertime;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Registers {@link ServerTimeResource} under {@code /realms/master/test-time}. Test-only: it ships in a jar that the
 * test harness builds and puts into the test Keycloak's providers/ ({@code TestProviderJar}), never in the plugin jar.
 */
public final class ServerTimeResourceFactory implements RealmResourceProviderFactory {

    /** The path segment after {@code /realms/{realm}/}. */
    public static final String ID = "test-time";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ServerTimeResource(session);
    }

    @Override
    public void init(Config.Scope config) {
        // Nothing to configure.
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to wire.
    }

    @Override
    public void close() {
        // Nothing held.
    }

    @Override
    public String getId() {
        return ID;
    }
}
