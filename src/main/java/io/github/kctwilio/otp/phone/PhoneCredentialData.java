package io.github.kctwilio.otp.phone;

import java.time.Instant;
import java.util.Objects;

/**
 * What a phone credential holds: the E.164 number codes go to, when it was proved, and how.
 *
 * @param number     E.164, exactly as Twilio was asked to send to it
 * @param verifiedAt when Twilio approved a code to it (or when it was adopted or imported)
 * @param proof      how the number came to be trusted
 */
public record PhoneCredentialData(String number, Instant verifiedAt, Proof proof) {

    /** How a number became a credential. Only {@link #CODE} is a proof by Twilio; the others are the admin's word. */
    public enum Proof {
        /** Twilio approved a code sent to the number. */
        CODE,
        /** Taken over from a user attribute that users cannot edit (the realm trusts existing numbers). */
        TRUSTED_ATTRIBUTE,
        /** Taken over from the number this plugin verified before phone numbers were credentials (an upgrade). */
        EARLIER_VERSION,
        /** Imported by an admin (realm JSON {@code credentials}); no proof data came with it. */
        IMPORTED
    }

    public PhoneCredentialData {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(proof, "proof");
    }
}
