package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.phone.PhoneOnFile;
import io.github.kctwilio.otp.verify.Channel;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Errors;

/**
 * The step in a reset-credentials ("forgot password") flow, after "Choose user". That page accepts any name, so
 * nothing here may differ between an account with a verified number, one without, and no account at all: the
 * code form never shows the number, and accounts that cannot get a code (no verified number, or locked by
 * brute-force protection) get a decoy (the same form, cooldown and per-login cap, no Twilio request, no code
 * accepted; it takes cap slots like a real reset, keyed by the typed name) unless the admin chose to skip the step
 * for them.
 */
final class ResetCodeStep {

    private ResetCodeStep() {
    }

    /**
     * @param phone  the chosen account's number; null when no account matched
     * @param locked the account is locked by brute-force protection: never skipped, or guessing codes would be a way
     *               around the step
     */
    static void start(AuthenticationFlowContext flow, TwilioOtpConfig config, OtpAuthState state, PhoneOnFile phone,
                      boolean locked, CodeDelivery delivery, Instant now) {
        OtpInteraction context = OtpInteraction.of(flow);
        state.hideTarget();
        if (!locked && phone != null && phone.usableAndVerified()) {
            Optional<Channel> channel = delivery.firstChannel(context, config, true);
            if (channel.isPresent()) {
                delivery.send(context, config, state, phone.number().orElseThrow(), false, channel.get(), now, null);
                return;
            }
        }
        if (!locked && config.resetWithoutPhone() == TwilioOtpConfig.ResetWithoutPhone.SKIP) {
            // The admin's choice: the next steps of the flow (such as "Send reset email") decide for these accounts.
            state.clear();
            flow.success();
            return;
        }
        flow.getEvent().error(phone == null ? Errors.USER_NOT_FOUND : "twilio_no_verified_phone");
        delivery.sendDecoy(context, config, state, now, null);
    }

    /** A post to the decoy form: resends and channel switches look real; every code is wrong. */
    static void decoyAction(AuthenticationFlowContext flow, TwilioOtpConfig config, OtpAuthState state,
                            MultivaluedMap<String, String> form, Optional<Channel> switchTo, CodeDelivery delivery, Instant now) {
        OtpInteraction context = OtpInteraction.of(flow);
        if (switchTo.isPresent() || form.containsKey(OtpFormFields.RESEND)) {
            // As CodeDelivery.resend: the cooldown first, then the same caps as a real send.
            if (OtpForms.resendWaitSeconds(config, state, now) > 0) {
                flow.challenge(OtpForms.codeForm(context, config, state, now, null));
            } else {
                delivery.sendDecoy(context, config, state, now, PageMessage.info(OtpMessages.NEW_CODE_SENT));
            }
            return;
        }
        if (CodeCheck.wellFormedCode(context, config, state, form.getFirst(OtpFormFields.CODE), now).isPresent()) {
            context.wrongCode(OtpForms.codeForm(context, config, state, now, CodeCheck.wrongCode()));
        }
    }
}
