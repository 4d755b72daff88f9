package io.github.kctwilio.otp.limits;

import io.github.kctwilio.otp.crypto.RealmHmac;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Names what the caps count (a number, an account, an address) in limiter keys without revealing it: an HMAC under
 * a secret of the realm. A bare hash would not do: phone numbers are few enough that anyone who reads the cache
 * (a heap dump, a cache console, a backup) could hash them all and read the keys back.
 */
public final class SubjectHash {

    /** Derives our own key, so the realm's secret is never used as is for a second purpose. */
    private static final byte[] PURPOSE = "twilio-otp send limits v1".getBytes(StandardCharsets.UTF_8);

    private final RealmHmac hmac;

    private SubjectHash(RealmHmac hmac) {
        this.hmac = hmac;
    }

    /** @param realmSecret secret bytes of the realm (its active HMAC key), the same on every node */
    public static SubjectHash derivedFrom(byte[] realmSecret) {
        return new SubjectHash(RealmHmac.derive(realmSecret, PURPOSE));
    }

    /** 32 hexadecimal characters (128 bits of the HMAC). */
    public String of(String subject) {
        return HexFormat.of().formatHex(hmac.of(subject.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }
}
