package io.github.kctwilio.otp.phone;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Binds "verified" to one exact number: we store a hash of the number a code was approved for, next to the
 * verified flag. When an admin, an import or a federation sync changes the number, the mark no longer matches and
 * the old verification no longer counts. A hash, not the number: no second copy of personal data to keep in step.
 */
public final class VerifiedNumberMark {

    /** The user attribute holding the mark; not meant for the user profile (Keycloak keeps unmanaged attributes). */
    public static final String ATTRIBUTE = "twilioOtpVerifiedNumber";

    private VerifiedNumberMark() {
    }

    /** The mark of an E.164 number. */
    public static String of(String e164) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("twilio-otp:" + e164).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** True when {@code mark} was made for exactly this number. */
    public static boolean matches(String mark, String e164) {
        return mark != null && MessageDigest.isEqual(mark.getBytes(StandardCharsets.UTF_8), of(e164).getBytes(StandardCharsets.UTF_8));
    }
}
