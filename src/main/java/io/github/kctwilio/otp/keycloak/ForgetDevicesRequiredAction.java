package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.remember.RememberedDevices;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;

/**
 * "Forget remembered devices": a page asking the signed-in user to confirm, then every device where they chose "Don't
 * ask for a code on this device" asks for a code again at its next sign-in. Applications link to it with
 * {@code kc_action=twilio-forget-devices}; Keycloak then returns to the application with {@code kc_action_status}
 * {@code success}, or {@code cancelled} when the user declines. The event is Keycloak's {@code CUSTOM_REQUIRED_ACTION}
 * with the detail {@code twilio_remembered_device=forgotten}.
 */
final class ForgetDevicesRequiredAction implements RequiredActionProvider {

    static final String TEMPLATE = "twilio-otp-forget-devices.ftl";
    /** The confirming button of the page. */
    static final String CONFIRM = "forgetDevices";
    static final String FORGOTTEN = "forgotten";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Only ever asked for: by the user (kc_action) or by an admin.
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(context.form().createForm(TEMPLATE));
    }

    /** Keycloak handles "Cancel" itself (its {@code cancel-aia} button); anything else but the confirmation asks again. */
    @Override
    public void processAction(RequiredActionContext context) {
        if (!context.getHttpRequest().getDecodedFormParameters().containsKey(CONFIRM)) {
            requiredActionChallenge(context);
            return;
        }
        RememberedDevices.forgetAll(context.getSession(), context.getRealm(), context.getUser());
        context.getEvent().detail(OtpEvents.DETAIL_REMEMBERED_DEVICE, FORGOTTEN);
        context.success();
    }

    @Override
    public void close() {
        // Stateless.
    }
}
