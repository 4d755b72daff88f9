package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.limits.LimitHit;
import io.github.kctwilio.otp.limits.SendLimiter;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.StartedVerification;
import io.github.kctwilio.otp.verify.VerificationRequest;
import io.github.kctwilio.otp.verify.VerifyException;
import io.github.kctwilio.otp.verify.VerifyGateways;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * Sends a code: our caps first (a refused send costs nothing), then Twilio, then the page that follows.
 */
final class CodeDelivery {

    private final VerifyGateways gateways;

    CodeDelivery(VerifyGateways gateways) {
        this.gateways = gateways;
    }

    /**
     * @param enrolling true when the number was typed on the phone form (saved only after approval)
     * @param onSuccess message for the code form after the send; null for none
     */
    void send(AuthenticationFlowContext context, TwilioOtpConfig config, OtpAuthState state, String number,
              boolean enrolling, Instant now, PageMessage onSuccess) {
        Channel channel = config.defaultChannel();
        int perLogin = config.sendLimits().perLogin();
        if (perLogin > 0 && state.sendCount() >= perLogin) {
            OtpEvents.limitHit(context, "login", channel, number);
            refuse(context, config, state, number, enrolling, now, PageMessage.error(OtpMessages.LOGIN_SEND_CAP));
            return;
        }
        String ip = context.getConnection().getRemoteAddr();
        SendLimiter.Permit permit = new SendLimiter(new SingleUseObjectSlots(context.getSession()))
                .tryAcquire(config.sendLimits(), context.getRealm().getId(), number, context.getUser().getId(), ip, now);
        Optional<LimitHit> hit = permit.refusal();
        if (hit.isPresent()) {
            OtpEvents.limitHit(context, hit.get().limit(), channel, number);
            long minutes = Math.max(1, (hit.get().retryIn().toSeconds() + 59) / 60);
            refuse(context, config, state, number, enrolling, now, PageMessage.error(OtpMessages.SEND_LIMIT, minutes));
            return;
        }
        try {
            StartedVerification started = gateways.gatewayFor(config.credentials()).start(new VerificationRequest(number, channel,
                    null, ip, Map.of("realm", context.getRealm().getName())));
            state.codeSent(started.sid(), number, started.channel(), now, enrolling);
            OtpEvents.event(context, channel, number);
            context.challenge(OtpForms.codeForm(context, config, state, now, onSuccess));
        } catch (VerifyException e) {
            if (e.failure().needsAdminAttention()) {
                // Nothing reached the user: the caps must not count a send that did not happen.
                permit.giveBack();
            }
            OtpEvents.twilioFailed(context, "send", e, channel, number);
            String key = SendFailures.messageKey(e.failure());
            if (enrolling && SendFailures.numberRejected(e.failure())) {
                state.askForPhone();
                context.challenge(OtpForms.phoneForm(context, number, PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, key)));
            } else {
                context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.error(key)));
            }
        }
    }

    /** A send our caps refused: back to the form the user came from, with the reason. */
    private static void refuse(AuthenticationFlowContext context, TwilioOtpConfig config, OtpAuthState state, String number,
                               boolean enrolling, Instant now, PageMessage message) {
        if (enrolling && state.verificationSid().isEmpty()) {
            state.askForPhone();
            context.challenge(OtpForms.phoneForm(context, number, message));
        } else {
            context.challenge(OtpForms.codeForm(context, config, state, now, message));
        }
    }
}
