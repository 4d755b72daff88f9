package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.limits.SendRequest;
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
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;

/**
 * Sends a code: our caps first ({@link SendAdmission}: a refused send costs nothing), then Twilio, then the page that
 * follows. A decoy (a reset that gets no code) takes the same path and the same caps, with a stand-in for Twilio that
 * sends nothing but takes as long.
 */
final class CodeDelivery {

    private final VerifyGateways gateways;
    private final VerifyTimings timings;
    private final SendAdmission admission = new SendAdmission();

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
        String ip = context.getConnection().getRemoteAddr();
        SendRequest request = request(context, state, target, enrolling, ip);
        SendAdmission.Decision decision = admission.admit(context, config, state, request, channel, number, now);
        if (decision.refusal() != null) {
            refuse(context, config, state, number, enrolling, now, decision.refusal());
            return;
        }
        try {
            String locale = VerifyLocales.forLocale(context.getSession().getContext().resolveLocale(context.getUser()));
            VerificationRequest verification = new VerificationRequest(target, channel,
                    locale, ip, Map.of("realm", context.getRealm().getName()));
            StartedVerification started = state.decoy()
                    ? new DecoyVerifyGateway(timings, state.checkCount(), false).start(verification)
                    : start(context, config, request, verification);
            admission.strangerSent(context, request, started.sid());
            state.countSend();
            state.codeSent(started.sid(), number, target, started.channel(), now, enrolling);
            OtpEvents.event(context, channel, state.decoy() ? null : number);
            context.challenge(OtpForms.codeForm(context, config, state, now, onSuccess));
        } catch (VerifyException e) {
            // A reset whose number Twilio refused is answered as a decoy's send, caps included (see failed()).
            boolean answeredAsSent = state.targetHidden() && !state.decoy() && !e.failure().needsAdminAttention();
            if (SendFailures.nothingWentOut(e) && !answeredAsSent) {
                decision.permit().giveBack();
            } else {
                // A timeout or a 5xx may still have reached the phone: it counts like any send.
                state.countSend();
            }
            failed(context, config, state, number, enrolling, channel, now, e);
        }
    }

    /**
     * Twilio keeps one verification per number, with 5 sends whoever asks. When strangers' sends (resets, another
     * account setting the number up) used them up, the owner's own send cancels their verification and starts anew:
     * one cancel and one more send, only then.
     */
    private StartedVerification start(OtpInteraction context, TwilioOtpConfig config, SendRequest request,
                                      VerificationRequest verification) throws VerifyException {
        VerifyGateway gateway = gateways.gatewayFor(config.credentials());
        try {
            return gateway.start(verification);
        } catch (VerifyException e) {
            Optional<String> strangers = e.failure() == VerifyFailure.TOO_MANY_SENDS && request.kind() == SendRequest.Kind.OWNER
                    ? admission.strangersVerification(context, request.target()) : Optional.empty();
            if (strangers.isEmpty()) {
                throw e;
            }
            try {
                gateway.cancel(strangers.get());
            } catch (VerifyException gone) {
                // Approved, expired or canceled meanwhile: the new send below tells.
            }
            return gateway.start(verification);
        }
    }

    /**
     * Whose allowances a send uses: a number typed on the phone form is not proven, a reset proves no account, and
     * only the owner's own sign-in (or step-up) draws on the number's own allowance.
     */
    private static SendRequest request(OtpInteraction context, OtpAuthState state, String target, boolean enrolling, String ip) {
        if (state.decoy()) {
            // Keyed by the name typed on "Choose user" where a real reset is keyed by the number.
            return SendRequest.resetDecoy(context.getAuthenticationSession().getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME), ip);
        }
        if (enrolling) {
            return SendRequest.newNumber(target, context.getUser().getId(), ip);
        }
        if (TwilioOtpAuthenticator.RESET_CREDENTIALS_PATH.equals(
                context.getAuthenticationSession().getAuthNote(AuthenticationProcessor.CURRENT_FLOW_PATH))) {
            return SendRequest.reset(target, ip);
        }
        return SendRequest.owner(target, context.getUser().getId(), ip);
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
