package io.github.kctwilio.otp.remember;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether a remembered-device cookie lets its user pass the code step now. Everything it needs from Keycloak
 * comes in as functions, so the rules are plain Java: the signature must be a realm key's over the token and the facts
 * as they are now; the period must not be over (counted from issue with the step's current setting too, so shortening
 * it shortens cookies already out); and the cookie must be younger than the user's "signed out everywhere" time.
 */
public final class DeviceCheck {

    /** How far a cookie's issue time may lie ahead of this node's clock (nodes of a cluster differ a little). */
    static final long CLOCK_SKEW_SECONDS = 60;

    /** Why a cookie does or does not count; only {@link #REMEMBERED} lets the user pass. */
    public enum Verdict {
        REMEMBERED,
        /** No cookie, or not one of ours. */
        MALFORMED,
        /** Issued for another account. */
        OTHER_USER,
        /** The period is over (or the cookie claims to be issued in the future). */
        EXPIRED,
        /** Issued before an admin signed the user out of all sessions. */
        SIGNED_OUT,
        /** Signed under a key the realm no longer has. */
        UNKNOWN_KEY,
        /** The phone credential it names is gone. */
        NO_CREDENTIAL,
        /** The signature does not match: forged or edited, or a bound fact changed (credential, password, generation, realm). */
        BAD_SIGNATURE
    }

    /** The verdict, and the token when the cookie could be read. */
    public record Result(Verdict verdict, Optional<DeviceToken> token) {

        public boolean remembered() {
            return verdict == Verdict.REMEMBERED;
        }
    }

    private DeviceCheck() {
    }

    /**
     * @param cookie    the cookie's value; null when the browser sent none
     * @param userId    whose sign-in this is
     * @param now       epoch seconds
     * @param notBefore epoch seconds: cookies issued then or earlier are refused (Keycloak's not-before of the user;
     *                  0 for none). Equal counts as before, as a sign-out and an issue in the same second cannot be told apart.
     * @param period    the step's current setting
     * @param signers   the signer of a realm key id, empty for a key the realm does not have
     * @param bindings  the facts a token of this user stands for now, empty when its phone credential is gone
     */
    public static Result check(String cookie, String userId, long now, long notBefore, Duration period,
                               Function<String, Optional<DeviceSigner>> signers,
                               Function<DeviceToken, Optional<DeviceBinding>> bindings) {
        Optional<DeviceToken.Signed> read = DeviceToken.decode(cookie);
        if (read.isEmpty()) {
            return new Result(Verdict.MALFORMED, Optional.empty());
        }
        DeviceToken token = read.get().token();
        return new Result(verdict(read.get(), userId, now, notBefore, period, signers, bindings), Optional.of(token));
    }

    private static Verdict verdict(DeviceToken.Signed signed, String userId, long now, long notBefore, Duration period,
                                   Function<String, Optional<DeviceSigner>> signers,
                                   Function<DeviceToken, Optional<DeviceBinding>> bindings) {
        DeviceToken token = signed.token();
        if (!token.userId().equals(userId)) {
            return Verdict.OTHER_USER;
        }
        if (now >= token.expiresAt() || now >= token.issuedAt() + period.toSeconds() || token.issuedAt() > now + CLOCK_SKEW_SECONDS) {
            return Verdict.EXPIRED;
        }
        if (token.issuedAt() <= notBefore) {
            return Verdict.SIGNED_OUT;
        }
        Optional<DeviceSigner> signer = signers.apply(token.keyId());
        if (signer.isEmpty()) {
            return Verdict.UNKNOWN_KEY;
        }
        Optional<DeviceBinding> binding = bindings.apply(token);
        if (binding.isEmpty()) {
            return Verdict.NO_CREDENTIAL;
        }
        return signer.get().signed(signed, binding.get()) ? Verdict.REMEMBERED : Verdict.BAD_SIGNATURE;
    }
}
