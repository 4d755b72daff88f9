package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.phone.PhoneFactor;
import jakarta.ws.rs.core.Response;
import io.github.kctwilio.otp.limits.SendRequest;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.events.Errors;

/**
 * The step in a reset-credentials ("forgot password") flow, after "Choose user". That page accepts any name, so
 * nothing here may differ between an account with a phone, one without, a locked one and no account at all, whatever
 * the visitor does next (resend, switch channel, wrong codes, waiting): the code form never shows the number, and
 * accounts that get no code go through the same path as real ones with a decoy in Twilio's place (same pages, same
 * timing, same caps; no code sent, none accepted). Codes go only to a phone credential (or a number the realm trusts
 * and adopts as one right now).
 */
public final class ResetCodeStep {

    /** {@code LoginActionsService.RESET_CREDENTIALS_PATH}, the flow path of "forgot password". */
    public static final String RESET_CREDENTIALS_PATH = "reset-credentials";

    private static final Logger LOG = Logger.getLogger(ResetCodeStep.class);

    private ResetCodeStep() {
    }

    public static boolean isResetFlow(AuthenticationFlowContext flow) {
        return RESET_CREDENTIALS_PATH.equals(flow.getFlowPath());
    }

    /**
     * @param phone  the chosen account's phone factor; null when no account matched
     * @param locked the account is locked by brute-force protection: never skipped, or guessing codes would be a way
     *               around the step
     */
    public static Outcome start(AuthenticationFlowContext flow, OtpRequest request, PhoneFactor phone, boolean locked,
                                CodeDelivery delivery) {
        TwilioOtpConfig config = request.config();
        OtpAuthState state = request.state();
        if (config.resetWithoutPhone() == TwilioOtpConfig.ResetWithoutPhone.SKIP && !ResetFlowCheck.laterStepProvesIdentity(flow)) {
            // Decided from the flow alone, before looking at the account: every visitor sees this page alike.
            LOG.errorf("Twilio OTP in realm %s: \"Password reset without a verified number\" is skip, but no Required step "
                    + "after it in the reset flow proves who the user is (such as \"Send Reset Email\"); refusing every reset "
                    + "until one is added", flow.getRealm().getName());
            flow.getEvent().error(Errors.INVALID_CONFIG);
            return Outcome.errorPage(OtpMessages.NOT_CONFIGURED, Response.Status.SERVICE_UNAVAILABLE);
        }
        state.hideTarget();
        boolean getsCode = !locked && phone != null && phone.provenOrTrusted();
        if (!getsCode && !locked && config.resetWithoutPhone() == TwilioOtpConfig.ResetWithoutPhone.SKIP) {
            // The admin's choice: the next steps of the flow (such as "Send reset email") decide for these accounts.
            state.clear();
            return Outcome.proceed();
        }
        // Phone channels only, whether or not the account exists or has an email address.
        if (request.context().choices(config).first(true).isEmpty()) {
            return Outcome.errorPage(OtpMessages.NO_CHANNEL, Response.Status.SERVICE_UNAVAILABLE);
        }
        if (getsCode) {
            return delivery.sendFirst(request, phone.primary().orElseThrow(), Purpose.RESET, true);
        }
        flow.getEvent().error(phone == null ? Errors.USER_NOT_FOUND : OtpEvents.NO_VERIFIED_PHONE);
        state.decoyFromNowOn();
        return delivery.sendFirst(request, decoyKey(flow), Purpose.RESET, true);
    }

    /** What keys the caps for a decoy, as a number does for a real reset: the name typed on "Choose user". */
    private static String decoyKey(AuthenticationFlowContext flow) {
        return SendRequest.resetDecoy(flow.getAuthenticationSession().getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME),
                null).target();
    }
}
