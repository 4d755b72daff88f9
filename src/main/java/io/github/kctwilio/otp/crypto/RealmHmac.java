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
    /**
     * A Mac keyed once and never used itself: each HMAC runs on a clone of it. Finding the algorithm among the JDK's
     * providers and keying a Mac cost more than the HMAC of a short subject, and every send hashes two or three.
     * Null where the provider cannot clone its Macs (the JDK's can): then each HMAC keys its own.
     */
    private final Mac keyed;

    private RealmHmac(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.keyed = cloneable(keyedMac(this.key));
    }

    /**
     * @param realmSecret secret bytes of the realm, at least 16
     * @param purpose     names what the derived key is for (and its version)
     */
    public static RealmHmac derive(byte[] realmSecret, byte[] purpose) {
        if (realmSecret == null || realmSecret.length < 16) {
            throw new IllegalArgumentException("The realm secret must have at least 16 bytes");
        }
        return new RealmHmac(keyedMac(new SecretKeySpec(realmSecret, ALGORITHM)).doFinal(purpose));
    }

    /** The 32 bytes of the HMAC of this data. */
    public byte[] of(byte[] data) {
        return fresh().doFinal(data);
    }

    /** A Mac keyed with {@link #key} that no other thread uses. */
    private Mac fresh() {
        if (keyed == null) {
            return keyedMac(key);
        }
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("cloned once already", e);
        }
    }

    private static Mac cloneable(Mac mac) {
        try {
            mac.clone();
            return mac;
        } catch (CloneNotSupportedException e) {
            return null;
        }
    }

    private static Mac keyedMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
