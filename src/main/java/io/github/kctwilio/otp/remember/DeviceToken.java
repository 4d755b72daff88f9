package io.github.kctwilio.otp.remember;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a "remember this device" cookie says, in the clear: which realm key signed it, whose it is, which phone
 * credential's code it stands for, and its period (epoch seconds). Nothing in it is secret; what makes it hard to
 * forge is the signature ({@link DeviceSigner}), which also covers server-side facts the cookie does not carry.
 *
 * <p>Cookie value: {@code 1.<kid>.<user id>.<credential id>.<issued at>.<expires at>.<signature>}, texts and the
 * signature in unpadded base64url, the times in decimal: only characters a cookie value may hold.
 */
public record DeviceToken(String keyId, String userId, String phoneCredentialId, long issuedAt, long expiresAt) {

    /** The format's version, first in the value, so a later format can tell its cookies apart. */
    static final String VERSION = "1";
    /** Longer values are not read at all (a realm key id, two ids and a signature fit well below it). */
    static final int MAX_LENGTH = 1024;

    private static final Pattern SEPARATOR = Pattern.compile("\\.");
    private static final Pattern TIME = Pattern.compile("[0-9]{1,12}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    /** The value of a cookie, signed with this signature. */
    String encode(byte[] signature) {
        return String.join(".", VERSION, text(keyId), text(userId), text(phoneCredentialId), Long.toString(issuedAt),
                Long.toString(expiresAt), Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    }

    /** A cookie value read back: the token and the signature it came with; empty for anything not of the format. */
    static Optional<Signed> decode(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = SEPARATOR.split(value, -1);
        if (parts.length != 7 || !VERSION.equals(parts[0]) || !TIME.matcher(parts[4]).matches() || !TIME.matcher(parts[5]).matches()) {
            return Optional.empty();
        }
        for (int i : new int[] {1, 2, 3, 6}) {
            if (!BASE64URL.matcher(parts[i]).matches()) {
                return Optional.empty();
            }
        }
        try {
            DeviceToken token = new DeviceToken(untext(parts[1]), untext(parts[2]), untext(parts[3]), Long.parseLong(parts[4]),
                    Long.parseLong(parts[5]));
            return Optional.of(new Signed(token, Base64.getUrlDecoder().decode(parts[6])));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // base64url of the wrong length
        }
    }

    /** A token and the signature a cookie carried for it (not checked yet). */
    record Signed(DeviceToken token, byte[] signature) {
    }

    private static String text(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String untext(String value) {
        return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
    }
}
