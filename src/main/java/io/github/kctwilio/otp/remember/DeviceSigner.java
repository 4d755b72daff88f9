package io.github.kctwilio.otp.remember;

import io.github.kctwilio.otp.crypto.RealmHmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Signs and checks remembered-device tokens with an HMAC-SHA256 key derived from one of the realm's HMAC keys: no
 * token of ours is one of Keycloak's, and no other use of that key computes ours. The signature covers the token's
 * fields and the {@link DeviceBinding}, each length-prefixed so that no two different inputs sign alike.
 */
public final class DeviceSigner {

    private static final byte[] PURPOSE = "twilio-otp remembered devices v1".getBytes(StandardCharsets.UTF_8);

    private final RealmHmac hmac;

    private DeviceSigner(RealmHmac hmac) {
        this.hmac = hmac;
    }

    /** @param realmSecret secret bytes of one of the realm's HMAC keys, the same on every node */
    public static DeviceSigner derivedFrom(byte[] realmSecret) {
        return new DeviceSigner(RealmHmac.derive(realmSecret, PURPOSE));
    }

    /** The cookie value for this token, bound to these facts. */
    public String sign(DeviceToken token, DeviceBinding binding) {
        return token.encode(signature(token, binding));
    }

    /** Whether a cookie's signature is this key's for its token and the facts as they are now (in constant time). */
    boolean signed(DeviceToken.Signed signed, DeviceBinding binding) {
        return MessageDigest.isEqual(signature(signed.token(), binding), signed.signature());
    }

    private byte[] signature(DeviceToken token, DeviceBinding binding) {
        StringBuilder input = new StringBuilder();
        for (String field : new String[] {DeviceToken.VERSION, token.keyId(), binding.realmId(), token.userId(),
                token.phoneCredentialId(), binding.phoneCredential(), binding.password(), binding.generation(),
                Long.toString(token.issuedAt()), Long.toString(token.expiresAt())}) {
            input.append(field.length()).append(':').append(field);
        }
        return hmac.of(input.toString().getBytes(StandardCharsets.UTF_8));
    }
}
