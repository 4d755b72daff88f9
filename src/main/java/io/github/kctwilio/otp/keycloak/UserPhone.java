package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.PhonePolicy;
import io.github.kctwilio.otp.phone.PhoneOnFile;
import io.github.kctwilio.otp.phone.VerifiedNumberMark;
import java.util.Map;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.ReadOnlyException;

/** A user's phone number as the realm's {@link PhonePolicy} sees it, read from and written to user attributes. */
final class UserPhone {

    private UserPhone() {
    }

    /** The realm's rules: the config of the required action "Verify phone number", else the defaults. */
    static PhonePolicy policy(RealmModel realm) throws ConfigException {
        return PhonePolicy.resolve(actionConfig(realm));
    }

    /**
     * The config of the required action "Verify phone number"; null when the admin never saved one. Read by every step,
     * so a literal Auth Token stored past the gear's check is taken out here at the latest.
     */
    static Map<String, String> actionConfig(RealmModel realm) {
        RequiredActionConfigModel config = realm.getRequiredActionConfigByAlias(VerifyPhoneRequiredActionFactory.PROVIDER_ID);
        return config == null ? null : ActionTokenGuard.withoutLiteralToken(realm, config.getConfig());
    }

    static PhoneOnFile read(UserModel user, PhonePolicy policy, String defaultRegion) {
        return PhoneOnFile.read(user.getFirstAttribute(policy.phoneAttribute()), user.getFirstAttribute(policy.verifiedAttribute()),
                user.getFirstAttribute(VerifiedNumberMark.ATTRIBUTE), policy, defaultRegion);
    }

    /**
     * Keeps {@code phoneNumberVerified} honest (it becomes the {@code phone_number_verified} claim): when we verified a
     * number but the attribute now holds another one (changed by an admin, an import, a sync, or the user where the
     * profile lets them), the flag drops to false. Numbers we never verified keep whatever flag they came with.
     */
    static void dropStaleVerifiedFlag(UserModel user, PhonePolicy policy, PhoneOnFile phone) {
        String mark = user.getFirstAttribute(VerifiedNumberMark.ATTRIBUTE);
        if (mark == null || !"true".equalsIgnoreCase(user.getFirstAttribute(policy.verifiedAttribute()))) {
            return;
        }
        if (phone.number().map(number -> VerifiedNumberMark.matches(mark, number)).orElse(false)) {
            return;
        }
        try {
            user.setSingleAttribute(policy.verifiedAttribute(), "false");
        } catch (ReadOnlyException e) {
            // a read-only directory owns the flag; our own checks ignore it anyway (the mark does not match)
        }
    }

    /**
     * Twilio approved a code: a new number is stored now (the old one stayed in force until this moment), and the
     * number is marked verified, bound to exactly this number.
     *
     * @throws org.keycloak.storage.ReadOnlyException when the user lives in a read-only federation
     */
    static void recordApproval(UserModel user, PhonePolicy policy, CodeCheck.Approval approval) {
        if (approval.enrolling()) {
            user.setSingleAttribute(policy.phoneAttribute(), approval.number());
        }
        if (!approval.provesPhone()) {
            return;
        }
        String mark = VerifiedNumberMark.of(approval.number());
        if (!mark.equals(user.getFirstAttribute(VerifiedNumberMark.ATTRIBUTE))) {
            user.setSingleAttribute(VerifiedNumberMark.ATTRIBUTE, mark);
        }
        if (!"true".equals(user.getFirstAttribute(policy.verifiedAttribute()))) {
            user.setSingleAttribute(policy.verifiedAttribute(), "true");
        }
    }
}
