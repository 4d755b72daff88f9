package io.github.kctwilio.otp.keycloak.remember;

import io.github.kctwilio.otp.keycloak.store.PhoneCredentialModel;
import io.github.kctwilio.otp.keycloak.store.RealmHmacKeys;
import io.github.kctwilio.otp.keycloak.store.UserPhones;
import io.github.kctwilio.otp.phone.PhoneCredentialData;
import io.github.kctwilio.otp.remember.DeviceBinding;
import io.github.kctwilio.otp.remember.DeviceCheck;
import io.github.kctwilio.otp.remember.DeviceSigner;
import io.github.kctwilio.otp.remember.DeviceToken;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * A user's remembered devices in Keycloak: the cookie of this browser, checked against what the user's account says
 * now, and the user's generation, a credential of its own type that "forget all devices" removes. A credential rather
 * than an attribute: users cannot edit it whatever the realm's user profile allows, it is stored by Keycloak for users
 * of a directory too, and an admin sees it (and may delete it) under the user's credentials.
 */
public final class RememberedDevices {

    /** Credential type of a user's remembered-devices generation: its id and created date are signed into every cookie. */
    public static final String GENERATION = "twilio-otp-remembered-devices";

    private static final Logger LOG = Logger.getLogger(RememberedDevices.class);

    private RememberedDevices() {
    }

    /**
     * The phone credential this browser's cookie stands for, when it lets this user pass the code step now.
     *
     * @param usableNumbers the user's phone numbers codes may go to under the realm's rules now (read only when the
     *                      browser sent a cookie): a cookie for any other number does not count
     * @param now           epoch seconds, Keycloak's time
     */
    static Optional<PhoneCredentialData> recognise(KeycloakSession session, RealmModel realm, UserModel user, Duration period,
                                                   Supplier<Collection<String>> usableNumbers, long now) {
        String cookie = DeviceCookie.read(session);
        if (cookie == null) {
            return Optional.empty();
        }
        Collection<String> numbers = usableNumbers.get();
        // An admin's "Sign out" of the user, or the realm's revocation ("not before"): cookies issued before no longer count.
        long notBefore = Math.max(session.users().getNotBeforeOfUser(realm, user), realm.getNotBefore());
        DeviceCheck.Result result = DeviceCheck.check(cookie, user.getId(), now, notBefore, period,
                kid -> RealmHmacKeys.byId(session, realm, kid).map(RememberedDevices::signer),
                token -> phoneCredential(user, token.phoneCredentialId(), numbers)
                        .map(phone -> binding(realm, user, phone, generation(user).orElse(null))));
        if (!result.remembered()) {
            LOG.debugf("Twilio OTP: the remembered-device cookie for user %s in realm %s does not count: %s", user.getId(),
                    realm.getName(), result.verdict());
            return Optional.empty();
        }
        return phoneCredential(user, result.token().orElseThrow().phoneCredentialId(), numbers).flatMap(PhoneCredentialModel::data);
    }

    /**
     * Gives this browser a cookie for the user's phone credential holding this number (the one a code was just approved
     * for); false when the user holds no such credential.
     */
    static boolean remember(KeycloakSession session, RealmModel realm, UserModel user, String number, Duration period, long now) {
        Optional<PhoneCredentialModel> phone = UserPhones.credentials(user).stream()
                .filter(c -> c.data().map(d -> d.number().equals(number)).orElse(false))
                .findFirst();
        if (phone.isEmpty()) {
            return false;
        }
        CredentialModel generation = generation(user).orElseGet(() -> newGeneration(user));
        KeyWrapper key = RealmHmacKeys.active(session, realm);
        DeviceToken token = new DeviceToken(key.getKid(), user.getId(), phone.get().getId(), now, now + period.toSeconds());
        DeviceCookie.write(session, realm, signer(key).sign(token, binding(realm, user, phone.get(), generation)), period);
        return true;
    }

    /** Every remembered device of the user asks for a code again; this browser also drops its cookie. */
    public static void forgetAll(KeycloakSession session, RealmModel realm, UserModel user) {
        user.credentialManager().getStoredCredentialsByTypeStream(GENERATION).map(CredentialModel::getId).toList()
                .forEach(id -> user.credentialManager().removeStoredCredentialById(id));
        DeviceCookie.expire(session, realm);
    }

    private static Optional<PhoneCredentialModel> phoneCredential(UserModel user, String id, Collection<String> usableNumbers) {
        return UserPhones.credentials(user).stream()
                .filter(c -> c.getId().equals(id))
                .filter(c -> c.data().map(d -> usableNumbers.contains(d.number())).orElse(false))
                .findFirst();
    }

    /** @param generation the user's generation; null for none (no cookie was issued since the last "forget") */
    private static DeviceBinding binding(RealmModel realm, UserModel user, CredentialModel phone, CredentialModel generation) {
        CredentialModel password = user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst().orElse(null);
        return new DeviceBinding(realm.getId(), bound(phone), bound(password), bound(generation));
    }

    private static String bound(CredentialModel credential) {
        return credential == null ? DeviceBinding.NONE : DeviceBinding.credential(credential.getId(), credential.getCreatedDate());
    }

    private static Optional<CredentialModel> generation(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(GENERATION).findFirst();
    }

    private static CredentialModel newGeneration(UserModel user) {
        CredentialModel generation = new CredentialModel();
        generation.setType(GENERATION);
        generation.setUserLabel("Remembered devices (Twilio OTP)");
        generation.setCreatedDate(Time.currentTimeMillis());
        generation.setSecretData("{}");
        generation.setCredentialData("{}");
        return user.credentialManager().createStoredCredential(generation);
    }

    private static DeviceSigner signer(KeyWrapper key) {
        return DeviceSigner.derivedFrom(key.getSecretKey().getEncoded());
    }
}
