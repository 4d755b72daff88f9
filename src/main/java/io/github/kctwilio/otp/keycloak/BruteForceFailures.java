package io.github.kctwilio.otp.keycloak;

import jakarta.ws.rs.core.UriInfo;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Counts a wrong code against an account that is not the flow's user (yet): phone sign-in sets the user only on
 * approval, so Keycloak's own {@code failureChallenge} would find nobody to count against. Category {@code otp}, as
 * Keycloak's own OTP form. Keycloak 26.3 added the categories argument to {@code failedLogin}; older servers have only
 * the four-argument form, looked up once here so one jar serves both.
 */
final class BruteForceFailures {

    private static final MethodHandle WITH_CATEGORIES = find(MethodType.methodType(void.class, RealmModel.class, UserModel.class,
            ClientConnection.class, UriInfo.class, Set.class));
    private static final MethodHandle WITHOUT_CATEGORIES = find(MethodType.methodType(void.class, RealmModel.class, UserModel.class,
            ClientConnection.class, UriInfo.class));

    private BruteForceFailures() {
    }

    static void wrongCode(AuthenticationFlowContext flow, UserModel user) {
        if (!flow.getRealm().isBruteForceProtected()) {
            return;
        }
        BruteForceProtector protector = flow.getProtector();
        try {
            if (WITH_CATEGORIES != null) {
                WITH_CATEGORIES.invoke(protector, flow.getRealm(), user, flow.getConnection(), flow.getUriInfo(),
                        Set.of(OTPCredentialModel.TYPE));
            } else {
                WITHOUT_CATEGORIES.invoke(protector, flow.getRealm(), user, flow.getConnection(), flow.getUriInfo());
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("failedLogin failed", e);
        }
    }

    private static MethodHandle find(MethodType type) {
        try {
            return MethodHandles.publicLookup().findVirtual(BruteForceProtector.class, "failedLogin", type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
