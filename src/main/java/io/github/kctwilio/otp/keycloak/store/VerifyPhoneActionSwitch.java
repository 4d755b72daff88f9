package io.github.kctwilio.otp.keycloak.store;

import io.github.kctwilio.otp.ProviderIds;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;

/** Whether a realm offers the required action "Verify phone number" (Authentication, Required actions: Enabled). */
public final class VerifyPhoneActionSwitch {

    private VerifyPhoneActionSwitch() {
    }

    /** True when the realm offers the action, so the login step and signup may hand users without a number to it. */
    public static boolean enabledIn(RealmModel realm) {
        RequiredActionProviderModel model = realm.getRequiredActionProviderByAlias(ProviderIds.VERIFY_PHONE_ACTION);
        return model != null && model.isEnabled();
    }
}
