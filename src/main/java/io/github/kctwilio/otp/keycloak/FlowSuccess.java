package io.github.kctwilio.otp.keycloak;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * {@code context.success(credentialType)} where the running Keycloak has it, {@code context.success()} where not.
 *
 * <p>Keycloak 26.3 added {@code AuthenticationFlowContext.success(String credentialType)}, which records the
 * credential type in the authentication session (brute-force protection then clears that category's failures).
 * A jar compiled against 26.3+ that calls it directly dies with {@code NoSuchMethodError} on Keycloak 26.2 at the
 * moment a correct code is approved. Looked up once, so the call costs nothing extra on newer servers; on 26.2,
 * plain {@code success()} is the whole of what that version knows.
 */
final class FlowSuccess {

    private static final FlowSuccess RUNNING_KEYCLOAK = new FlowSuccess(AuthenticationFlowContext.class);

    /** {@code success(String)} of the context type, null where the server's SPI has none. */
    private final MethodHandle successWithType;

    FlowSuccess(Class<?> contextType) {
        MethodHandle found;
        try {
            found = MethodHandles.publicLookup().findVirtual(contextType, "success",
                    MethodType.methodType(void.class, String.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            found = null;
        }
        this.successWithType = found;
    }

    /** Ends the step successfully, naming the credential type where this Keycloak can record it. */
    static void succeed(AuthenticationFlowContext context, String credentialType) {
        RUNNING_KEYCLOAK.succeedOn(context, credentialType);
    }

    /** True where the running Keycloak records the credential type (26.3 and newer). */
    static boolean recordsCredentialType() {
        return RUNNING_KEYCLOAK.successWithType != null;
    }

    void succeedOn(AuthenticationFlowContext context, String credentialType) {
        if (successWithType == null) {
            context.success();
            return;
        }
        try {
            successWithType.invoke(context, credentialType);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("success(" + credentialType + ") failed", e);
        }
    }
}
