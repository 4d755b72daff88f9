package io.github.kctwilio.otp.keycloak.store;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.PhoneRules;
import io.github.kctwilio.otp.phone.PhoneCredentialData;
import io.github.kctwilio.otp.phone.PhoneEvidence;
import io.github.kctwilio.otp.phone.PhoneFactor;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.phone.PhonePolicy;
import io.github.kctwilio.otp.phone.VerifiedNumberMark;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * A user's phone factor in Keycloak's stores: the phone credentials codes go to, the attribute an account without one
 * may take its first number from, and the attributes the plugin keeps as a mirror for tokens ({@code phone_number},
 * {@code phone_number_verified}). The mirror is written on approval; it is never read to decide where codes go.
 */
public final class UserPhones {

    /**
     * Set on an account once it has had a phone credential: from then on attributes are only a mirror, so removing the
     * last credential (by the user or an admin) removes the factor, and the mirror cannot bring it back.
     */
    public static final String CREDENTIALS_ONLY_ATTRIBUTE = "twilioOtpPhoneCredentialsOnly";

    private static final Logger LOG = Logger.getLogger(UserPhones.class);
    private static final String USER_ROLE = "user";

    private UserPhones() {
    }

    /** The realm's rules: the config of the required action "Verify phone number", else the defaults. */
    public static PhonePolicy policy(RealmModel realm) throws ConfigException {
        return PhoneRules.resolve(actionConfig(realm));
    }

    /**
     * The config of the required action "Verify phone number"; null when the admin never saved one. Read by every step,
     * so a literal Auth Token stored past the gear's check is taken out here at the latest.
     */
    public static Map<String, String> actionConfig(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(ProviderIds.VERIFY_PHONE_ACTION);
        return config == null ? null : ActionTokenGuard.withoutLiteralToken(realm, config.getConfig());
    }

    /** Where this user's codes may go under the realm's rules. */
    public static PhoneFactor read(KeycloakSession session, UserModel user, PhonePolicy policy, String defaultRegion) {
        List<String> numbers = credentials(user).stream()
                .map(c -> c.data().map(PhoneCredentialData::number).orElse(""))
                .toList();
        boolean undecided = numbers.isEmpty() && !credentialsOnly(user);
        // The user profile is read only for an account that may still take its number from an attribute.
        UPConfig profile = undecided ? session.getProvider(UserProfileProvider.class).getConfiguration() : null;
        PhoneEvidence evidence = new PhoneEvidence(numbers, user.getFirstAttribute(policy.phoneAttribute()),
                undecided && editableByUsers(profile, policy.phoneAttribute()), user.getFirstAttribute(policy.verifiedAttribute()),
                user.getFirstAttribute(VerifiedNumberMark.ATTRIBUTE), undecided && editableByUsers(profile, VerifiedNumberMark.ATTRIBUTE),
                !undecided);
        return PhoneFactor.decide(evidence, policy, defaultRegion);
    }

    /** The user's phone credentials in Keycloak's order: the first is the main number. */
    /** Whether one of the user's phone credentials holds this number (E.164). */
    public static boolean holds(UserModel user, String number) {
        return credentials(user).stream().anyMatch(c -> c.data().map(PhoneCredentialData::number).filter(number::equals).isPresent());
    }

    public static List<PhoneCredentialModel> credentials(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PhoneCredentialModel.TYPE)
                .map(PhoneCredentialModel::from)
                .toList();
    }

    /** True when the user holds a phone credential, usable or not ({@code configuredFor}). */
    public static boolean hasCredential(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PhoneCredentialModel.TYPE).findAny().isPresent();
    }

    /** Takes over a trusted attribute number ({@link PhoneFactor.Kind#ADOPT}) as the account's first credential. */
    public static void adopt(UserModel user, PhonePolicy policy, PhoneFactor factor, Instant now) {
        String number = factor.primary().orElseThrow();
        // ADOPT is decided only for an account with no phone credential: nothing to place it before or to remove.
        store(user, policy, List.of(), new PhoneCredentialData(number, now, factor.adoptAs().orElseThrow()));
        LOG.debugf("Twilio OTP: user %s adopted the number %s from its attribute (%s)", user.getId(), PhoneNumbers.mask(number),
                factor.adoptAs().get());
    }

    /**
     * Twilio approved a code to this number: unless the user already holds it, it becomes the user's main number, and
     * the user's last number beyond the realm's limit makes room. The mirror follows the main number.
     */
    public static void recordProof(UserModel user, PhonePolicy policy, String number, Instant now) {
        List<PhoneCredentialModel> held = credentials(user);
        if (held.stream().anyMatch(c -> c.data().map(d -> d.number().equals(number)).orElse(false))) {
            held.get(0).data().ifPresent(main -> mirror(user, policy, main.number()));
            return;
        }
        store(user, policy, held, new PhoneCredentialData(number, now, PhoneCredentialData.Proof.CODE));
    }

    /**
     * Keeps the verified flag honest (it becomes the {@code phone_number_verified} claim): true only while the number
     * attribute holds one of the user's credential numbers. Writes only when the flag is wrong.
     */
    public static void keepMirrorHonest(UserModel user, PhonePolicy policy, PhoneFactor factor, String defaultRegion) {
        if (factor.kind() == PhoneFactor.Kind.ADOPT || !"true".equalsIgnoreCase(user.getFirstAttribute(policy.verifiedAttribute()))) {
            return;
        }
        String attribute = user.getFirstAttribute(policy.phoneAttribute());
        Set<String> proven = Set.copyOf(factor.kind() == PhoneFactor.Kind.CREDENTIALS ? factor.numbers() : List.of());
        if (attribute != null && proven.contains(attribute)) {
            return; // the mirror as written, in E.164: honest without parsing it on every sign-in
        }
        Optional<String> shown = PhoneNumbers.toE164(attribute, defaultRegion);
        if (shown.filter(proven::contains).isEmpty()) {
            setAttribute(user, policy.verifiedAttribute(), "false");
        }
    }

    /**
     * A new credential, placed first (the main number), the last ones beyond the limit removed, the mirror updated.
     *
     * @param before the user's phone credentials until now, in Keycloak's order
     */
    private static void store(UserModel user, PhonePolicy policy, List<PhoneCredentialModel> before, PhoneCredentialData data) {
        CredentialModel created = user.credentialManager().createStoredCredential(PhoneCredentialModel.create(data));
        if (!before.isEmpty()) {
            placeBefore(user, created.getId(), before.get(0).getId());
        }
        for (int i = policy.numbersPerUser() - 1; i < before.size(); i++) {
            user.credentialManager().removeStoredCredentialById(before.get(i).getId());
        }
        markCredentialsOnly(user);
        if (user.getFirstAttribute(VerifiedNumberMark.ATTRIBUTE) != null) {
            removeAttribute(user, VerifiedNumberMark.ATTRIBUTE); // the earlier versions' mark has served its purpose
        }
        mirror(user, policy, data.number());
    }

    /** From now on only credentials say where this user's codes go (see {@link #CREDENTIALS_ONLY_ATTRIBUTE}). */
    public static void markCredentialsOnly(UserModel user) {
        if (!credentialsOnly(user)) {
            setAttribute(user, CREDENTIALS_ONLY_ATTRIBUTE, "true");
        }
    }

    private static boolean credentialsOnly(UserModel user) {
        return "true".equals(user.getFirstAttribute(CREDENTIALS_ONLY_ATTRIBUTE));
    }

    /**
     * Moves a credential right before another one in Keycloak's order, so the new main number does not jump ahead of
     * the user's other kinds of credentials (their order picks the default among alternative second factors).
     */
    private static void placeBefore(UserModel user, String id, String beforeId) {
        String previous = null;
        for (CredentialModel c : user.credentialManager().getStoredCredentialsStream().toList()) {
            if (c.getId().equals(beforeId)) {
                user.credentialManager().moveStoredCredentialTo(id, previous);
                return;
            }
            if (!c.getId().equals(id)) {
                previous = c.getId();
            }
        }
    }

    /**
     * An admin imported the account's first phone credential: its number becomes the mirror, as an approved code's
     * would. Realm rules that cannot be read leave the attributes alone (the sign-in then reports the bad setting).
     */
    public static void mirrorImported(RealmModel realm, UserModel user, String number) {
        try {
            mirror(user, policy(realm), number);
        } catch (ConfigException e) {
            LOG.debugf("Twilio OTP: realm %s has malformed phone rules; the imported number of user %s is not mirrored",
                    realm.getName(), user.getId());
        }
    }

    /** The main number and "verified" into the attributes tokens read; nothing is written when they already agree. */
    private static void mirror(UserModel user, PhonePolicy policy, String main) {
        if (!main.equals(user.getFirstAttribute(policy.phoneAttribute()))) {
            setAttribute(user, policy.phoneAttribute(), main);
        }
        if (!"true".equals(user.getFirstAttribute(policy.verifiedAttribute()))) {
            setAttribute(user, policy.verifiedAttribute(), "true");
        }
    }

    /**
     * Whether users may edit an attribute themselves in this realm: declared with the {@code user} role among its editors,
     * or undeclared while the realm lets users edit unmanaged attributes.
     */
    public static boolean editableByUsers(UPConfig profile, String attribute) {
        UPAttribute declared = profile.getAttribute(attribute);
        if (declared == null) {
            return profile.getUnmanagedAttributePolicy() == UPConfig.UnmanagedAttributePolicy.ENABLED;
        }
        return declared.getPermissions() != null && declared.getPermissions().getEdit() != null
                && declared.getPermissions().getEdit().contains(USER_ROLE);
    }

    private static void setAttribute(UserModel user, String name, String value) {
        try {
            user.setSingleAttribute(name, value);
        } catch (ReadOnlyException e) {
            // A read-only directory owns the attribute; the credential, stored by Keycloak, still holds the truth.
            LOG.debugf("Twilio OTP: user %s is read-only; attribute %s not written", user.getId(), name);
        }
    }

    private static void removeAttribute(UserModel user, String name) {
        try {
            user.removeAttribute(name);
        } catch (ReadOnlyException e) {
            LOG.debugf("Twilio OTP: user %s is read-only; attribute %s not removed", user.getId(), name);
        }
    }
}
