package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.limits.LimitHit;
import io.github.kctwilio.otp.limits.SendLimiter;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.DecoyVerifyGateway;
import io.github.kctwilio.otp.verify.StartedVerification;
import io.github.kctwilio.otp.verify.VerificationRequest;
import io.github.kctwilio.otp.verify.VerifyException;
import io.github.kctwilio.otp.verify.VerifyFailure;
import io.github.kctwilio.otp.verify.VerifyGateway;
import io.github.kctwilio.otp.verify.VerifyGateways;
import io.github.kctwilio.otp.verify.VerifyLocales;
import io.github.kctwilio.otp.verify.VerifyTimings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a code: our caps first (a refused send costs nothing), then Twilio, then the page that follows. A decoy (a
 * reset that gets no code) takes the same path, with a stand-in for Twilio that sends nothing but takes as long.
 */
final class CodeDelivery {

    private final VerifyGateways gateways;
    private final VerifyTimings timings;

    CodeDelivery(VerifyGateways gateways, VerifyTimings timings) {
        this.gateways = gateways;
        this.timings = timings;
    }

    /** The channel of a first send: the default, unless the Verify Service refused it; empty when none is usable. */
    Optional<Channel> firstChannel(OtpInteraction context, TwilioOtpConfig config, boolean enrolling) {
        return OtpForms.usableChannels(context, config, enrolling).stream().findFirst();
    }

    /**
     * @param number    E.164 number the code goes to; for a decoy, the typed username stands in for it (it keys the caps
     *                  as a number would, so "too many codes" comes after as many requests as for a real account)
     * @param enrolling true when the number is not yet the user's phone credential (it becomes one on approval)
     * @param onSuccess message for the code form after the send; null for none
     */
    void send(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, String number,
              boolean enrolling, Channel channel, Instant now, PageMessage onSuccess) {
        String target = channel == Channel.EMAIL ? context.getUser().getEmail() : number;
        int perLogin = config.sendLimits().perLogin();
        if (perLogin > 0 && state.sendCount() >= perLogin) {
            OtpEvents.limitHit(context, "login", channel, number);
            refuse(context, config, state, number, enrolling, now, PageMessage.error(OtpMessages.LOGIN_SEND_CAP));
            return;
        }
        String ip = context.getConnection().getRemoteAddr();
        String account = context.getUser() == null || state.decoy() ? number : context.getUser().getId();
        SendLimiter.Permit permit = new SendLimiter(new SingleUseObjectSlots(context.getSession()))
                .tryAcquire(config.sendLimits(), context.getRealm().getId(), target, account, ip, now);
        Optional<LimitHit> hit = permit.refusal();
        if (hit.isPresent()) {
            OtpEvents.limitHit(context, hit.get().limit(), channel, number);
            long minutes = Math.max(1, (hit.get().retryIn().toSeconds() + 59) / 60);
            refuse(context, config, state, number, enrolling, now, PageMessage.error(OtpMessages.SEND_LIMIT, minutes));
            return;
        }
        try {
            String locale = VerifyLocales.forLocale(context.getSession().getContext().resolveLocale(context.getUser()));
            StartedVerification started = gateway(config, state).start(new VerificationRequest(target, channel,
                    locale, ip, Map.of("realm", context.getRealm().getName())));
            state.codeSent(started.sid(), number, target, started.channel(), now, enrolling);
            OtpEvents.event(context, channel, state.decoy() ? null : number);
            context.challenge(OtpForms.codeForm(context, config, state, now, onSuccess));
        } catch (VerifyException e) {
            if (e.failure().needsAdminAttention()) {
                // Nothing reached the user: the caps must not count a send that did not happen.
                permit.giveBack();
            }
            failed(context, config, state, number, enrolling, channel, now, e);
        }
    }

    /**
     * "Send a new code", also by another channel. Within Twilio's 10 minutes this re-sends the pending code under
     * the same verification; the cooldown and the caps apply to every send.
     *
     * @return false when this login has no number yet, so there is nothing to send again
     */
    boolean resend(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, Channel channel, Instant now) {
        if (state.phone().isEmpty()) {
            return false;
        }
        if (OtpForms.resendWaitSeconds(config, state, now) > 0) {
            // The form itself says how long to wait; nothing is sent.
            context.challenge(OtpForms.codeForm(context, config, state, now, null));
        } else {
            send(context, config, state, state.phone().get(), state.enrolling(), channel, now, PageMessage.info(OtpMessages.NEW_CODE_SENT));
        }
        return true;
    }

    /**
     * "Send the code to my other number": the same cooldown and caps as a resend. The form then offers the first
     * number as the other one.
     */
    void sendToBackup(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, Instant now) {
        if (OtpForms.resendWaitSeconds(config, state, now) > 0) {
            context.challenge(OtpForms.codeForm(context, config, state, now, null));
            return;
        }
        Channel channel = firstChannel(context, config, false).orElse(state.channel());
        send(context, config, state, state.otherNumber().orElseThrow(), false, channel, now, PageMessage.info(OtpMessages.NEW_CODE_SENT));
    }

    /** Twilio, or the decoy for a login that gets no code. */
    private VerifyGateway gateway(TwilioOtpConfig config, OtpAuthState state) {
        return state.decoy() ? new DecoyVerifyGateway(timings, state.checkCount(), false) : gateways.gatewayFor(config.credentials());
    }

    private void failed(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, String number,
                        boolean enrolling, Channel channel, Instant now, VerifyException e) {
        if (state.decoy()) {
            // The decoy repeats the outage real requests just met; nothing to report, no number to show.
            context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.error(SendFailures.messageKey(e.failure()))));
            return;
        }
        if (state.targetHidden() && !e.failure().needsAdminAttention()) {
            // A reset: Twilio refused this number (a landline, blocked, too many sends). Saying so would tell that the
            // account exists and has a phone; the page stays the decoy's, the admin log and the event say why.
            OtpEvents.twilioFailed(context, "send", e, channel, number, true);
            state.decoyFromNowOn();
            state.codeSent(DecoyVerifyGateway.SID, number, number, channel, now, false);
            context.challenge(OtpForms.codeForm(context, config, state, now, null));
            return;
        }
        boolean report = true;
        if (e.failure() == VerifyFailure.CHANNEL_DISABLED) {
            // Hidden from users from now on; the admin hears of it once, not on every login.
            report = new DisabledChannels(context.getSession()).markDisabled(config.credentials().serviceSid(), channel);
        }
        OtpEvents.twilioFailed(context, "send", e, channel, number, report);
        List<Channel> usable = OtpForms.usableChannels(context, config, enrolling);
        String key = SendFailures.messageKey(e.failure());
        if (e.failure() == VerifyFailure.LANDLINE && usable.contains(Channel.CALL)) {
            // A landline cannot take a text, but it can take a call: offer that straight away.
            state.numberChosen(number, channel, enrolling);
            context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.error(OtpMessages.LANDLINE_CALL)));
        } else if (e.failure() == VerifyFailure.CHANNEL_DISABLED && usable.stream().anyMatch(c -> c != channel)) {
            state.numberChosen(number, channel, enrolling);
            context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.error(OtpMessages.CHANNEL_UNAVAILABLE)));
        } else if (enrolling && SendFailures.numberRejected(e.failure())) {
            state.askForPhone();
            context.challenge(OtpForms.phoneForm(context, number, PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, key)));
        } else {
            context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.error(key)));
        }
    }

    /** A send our caps refused: back to the form the user came from, with the reason. */
    private static void refuse(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, String number,
                               boolean enrolling, Instant now, PageMessage message) {
        if (enrolling && state.verificationSid().isEmpty()) {
            state.askForPhone();
            context.challenge(OtpForms.phoneForm(context, number, message));
        } else {
            context.challenge(OtpForms.codeForm(context, config, state, now, message));
        }
    }
}
