package io.github.kctwilio.otp.testsupport.servertime;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * Moves the test Keycloak's clock: {@link Time#setOffset}, which Keycloak's sessions, brute-force protection and
 * tokens follow, and so does the plugin (its clock is Keycloak's). Keycloak's own test suite has the same switch.
 * Only the master realm's administrators may use it, with a bearer token as for the admin API.
 */
public final class ServerTimeResource implements RealmResourceProvider {

    private final KeycloakSession session;

    ServerTimeResource(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return this;
    }

    /** The server's offset from the wall clock, in seconds. */
    @GET
    @Path("offset")
    @Produces(MediaType.TEXT_PLAIN)
    public String offset() {
        requireMasterAdmin();
        return Integer.toString(Time.getOffset());
    }

    /** From now on the server runs this many seconds ahead of the wall clock (0 puts it back). */
    @PUT
    @Path("offset/{seconds}")
    public Response setOffset(@PathParam("seconds") int seconds) {
        requireMasterAdmin();
        Time.setOffset(seconds);
        return Response.noContent().build();
    }

    private void requireMasterAdmin() {
        RealmModel realm = session.getContext().getRealm();
        if (!"master".equals(realm.getName())) {
            throw new ForbiddenException("Only under /realms/master");
        }
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            throw new NotAuthorizedException("Bearer");
        }
        if (!auth.getUser().hasRole(realm.getRole(AdminRoles.ADMIN))) {
            throw new ForbiddenException("Only the master realm's administrators");
        }
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
