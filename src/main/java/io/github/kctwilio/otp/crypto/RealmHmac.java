package io.github.kctwilio.otp.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a key of our own derived from a realm's secret (its HMAC key, the same on every node), one key per
 * purpose: the realm's secret is never used as it is, and what one purpose computes means nothing to another.
 */
public final class RealmHmac {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private RealmHmac(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * @param realmSecret secret bytes of the realm, at least 16
     * @param purpose     names what the derived key is for (and its version)
     */
    public static RealmHmac derive(byte[] realmSecret, byte[] purpose) {
        if (realmSecret == null || realmSecret.length < 16) {
            throw new IllegalArgumentException("The realm secret must have at least 16 bytes");
        }
        return new RealmHmac(hmac(new SecretKeySpec(realmSecret, ALGORITHM), purpose));
    }

    /** The 32 bytes of the HMAC of this data. */
    public byte[] of(byte[] data) {
        return hmac(key, data);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
