package io.github.kctwilio.otp.limits;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names what the caps count (a number, an account, an address) in limiter keys without revealing it: an HMAC under
 * a secret of the realm. A bare hash would not do: phone numbers are few enough that anyone who reads the cache
 * (a heap dump, a cache console, a backup) could hash them all and read the keys back.
 */
public final class SubjectHash {

    private static final String ALGORITHM = "HmacSHA256";
    /** Derives our own key, so the realm's secret is never used as is for a second purpose. */
    private static final byte[] PURPOSE = "twilio-otp send limits v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    /**
     * A Mac keyed once and never used itself: each hash runs on a clone of it. Finding the algorithm among the JDK's
     * providers and keying a Mac cost more than the HMAC of a short subject, and every send hashes two or three.
     * Null where the provider cannot clone its Macs (the JDK's can): then each hash keys its own.
     */
    private final Mac keyed;

    private SubjectHash(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.keyed = cloneable(keyedMac(this.key));
    }

    /** @param realmSecret secret bytes of the realm (its active HMAC key), the same on every node */
    public static SubjectHash derivedFrom(byte[] realmSecret) {
        if (realmSecret == null || realmSecret.length < 16) {
            throw new IllegalArgumentException("The realm secret must have at least 16 bytes");
        }
        return new SubjectHash(keyedMac(new SecretKeySpec(realmSecret, ALGORITHM)).doFinal(PURPOSE));
    }

    /** 32 hexadecimal characters (128 bits of the HMAC). */
    public String of(String subject) {
        return HexFormat.of().formatHex(fresh().doFinal(subject.getBytes(StandardCharsets.UTF_8)), 0, 16);
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
