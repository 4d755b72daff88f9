package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.OtpFormFields;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.keycloak.page.PageMessage;
import io.github.kctwilio.otp.keycloak.page.SendFailures;
import io.github.kctwilio.otp.keycloak.store.DisabledChannels;
import io.github.kctwilio.otp.limits.SendRequest;
import io.github.kctwilio.otp.phone.PhoneNumbers;
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
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a code: our caps first ({@link SendAdmission}: a refused send costs nothing), then Twilio Lookup where the
 * realm asks for it ({@link NumberScreen}), then Twilio Verify, then decides the page that follows. A decoy (a reset
 * that gets no code) takes the same path and the same caps, with stand-ins for Twilio that send nothing but take as
 * long.
 */
public final class CodeDelivery {

    private final VerifyGateways gateways;
    private final VerifyTimings timings;
    private final NumberScreen screen;
    private final SendAdmission admission = new SendAdmission();

    /** @param screen Twilio Lookup's say on a number, after our caps and before Verify */
    public CodeDelivery(VerifyGateways gateways, VerifyTimings timings, NumberScreen screen) {
        this.gateways = gateways;
        this.timings = timings;
        this.screen = screen;
    }

    /**
     * A reload, the back button, a second tab while a code is out: the code form again, never another code.
     *
     * @return empty when no code went out yet in this sign-in
     */
    public static Optional<Outcome> pending(OtpRequest request) {
        if (request.state().verificationSid().isEmpty()) {
            // A number Twilio's risk checks refused: the form says so again, and asks Twilio nothing.
            return request.state().phone().filter(request.state()::refused).map(number -> refusedByTwilio());
        }
        return Optional.of(Outcome.codeForm(request.state().verificationPending(request.now())
                ? null : PageMessage.error(OtpMessages.CODE_EXPIRED)));
    }

    /**
     * The first code of this sign-in or of a number being proved, by the first usable channel.
     *
     * @param number    E.164 number the code goes to; for a decoy, what keys the caps in its place
     * @param purpose   why: a new number (not yet the user's phone credential; it becomes one on approval), a reset,
     *                  a step-up or a sign-in; it decides what Twilio Lookup is asked, here and on every resend
     * @param phoneOnly true where email must not be offered (a number being proved, a reset)
     */
    public Outcome sendFirst(OtpRequest request, String number, Purpose purpose, boolean phoneOnly) {
        Optional<Channel> channel = request.context().choices(request.config()).first(phoneOnly);
        if (channel.isEmpty()) {
            // Every offered channel was refused by the Verify Service as disabled; the admin log said so already.
            return Outcome.errorPage(OtpMessages.NO_CHANNEL, Response.Status.SERVICE_UNAVAILABLE);
        }
        request.state().purpose(purpose);
        return send(request, number, purpose, channel.get(), null);
    }

    /**
     * The number typed on the phone form, to be proved: refused on the form when it cannot be read or its country is
     * not allowed (no Twilio request), else its first code.
     *
     * @param purpose a new number's: enrolment, or a signup's number
     */
    public Outcome sendToTyped(OtpRequest request, String typed, Purpose purpose) {
        Optional<String> number = PhoneNumbers.toE164(typed, request.config().defaultRegion());
        if (number.isEmpty()) {
            return askForPhone(request.state(), typed, PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, OtpMessages.INVALID_PHONE));
        }
        if (!request.policy().allows(number.get())) {
            request.context().getEvent().detail(OtpEvents.DETAIL_PHONE, PhoneNumbers.mask(number.get())).error(OtpEvents.COUNTRY_NOT_ALLOWED);
            return askForPhone(request.state(), typed, PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, OtpMessages.COUNTRY_NOT_ALLOWED));
        }
        return sendFirst(request, number.get(), purpose, true);
    }

    /**
     * "Send a new code", also by another channel. Within Twilio's 10 minutes this re-sends the pending code under
     * the same verification; the resend waits and the caps apply to every send.
     *
     * @return empty when this sign-in has no number yet, so there is nothing to send again
     */
    public Optional<Outcome> resend(OtpRequest request, Channel channel) {
        OtpAuthState state = request.state();
        if (state.phone().isEmpty()) {
            return Optional.empty();
        }
        if (mustWait(request)) {
            return Optional.of(Outcome.codeForm(null)); // the form itself says how long to wait; nothing is sent
        }
        return Optional.of(send(request, state.phone().get(), state.purpose(), channel, PageMessage.info(OtpMessages.NEW_CODE_SENT)));
    }

    /**
     * "Send the code to my other number": a resend, with the same waits and caps. The form then offers the first
     * number as the other one.
     */
    public Outcome sendToBackup(OtpRequest request) {
        if (mustWait(request)) {
            return Outcome.codeForm(null);
        }
        OtpAuthState state = request.state();
        Channel channel = request.context().choices(request.config()).first(false).orElse(state.channel());
        return send(request, state.otherNumber().orElseThrow(), state.purpose(), channel, PageMessage.info(OtpMessages.NEW_CODE_SENT));
    }

    private static boolean mustWait(OtpRequest request) {
        return request.state().secondsUntilResend(request.config().resendWaits(), request.now()) > 0;
    }

    private static Outcome refusedByTwilio() {
        return Outcome.codeForm(PageMessage.error(OtpMessages.CANNOT_SEND));
    }

    /**
     * @param number    E.164 number the code goes to; for a decoy, the typed username stands in for it (it keys the caps
     *                  as a number would, so "too many codes" comes after as many requests as for a real account)
     * @param onSuccess message for the code form after the send; null for none
     */
    private Outcome send(OtpRequest exchange, String number, Purpose purpose, Channel channel, PageMessage onSuccess) {
        boolean enrolling = purpose.newNumber();
        OtpInteraction context = exchange.context();
        TwilioOtpConfig config = exchange.config();
        OtpAuthState state = exchange.state();
        if (state.refused(number)) {
            // Twilio's risk checks refused this number in this sign-in; asking again would be refused again (and counted).
            return enrolling && state.verificationSid().isEmpty()
                    ? askForPhone(state, number, PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, OtpMessages.CANNOT_SEND))
                    : refusedByTwilio();
        }
        String target = channel == Channel.EMAIL ? context.getUser().getEmail() : number;
        String ip = context.getConnection().getRemoteAddr();
        SendRequest request = request(context, state, target, enrolling, ip);
        SendAdmission.Decision decision = admission.admit(context, config, state, request, channel, number, exchange.now());
        if (decision.refusal() != null) {
            // Back to the form the user came from, with the reason.
            return enrolling && state.verificationSid().isEmpty()
                    ? askForPhone(state, number, decision.refusal())
                    : Outcome.codeForm(decision.refusal());
        }
        // After the caps (a send they refuse costs no Lookup either), before Verify. A refused number keeps the slot it
        // took: the caps bound Lookup requests as they bound sends. A reset it refuses goes on as a decoy.
        Optional<Outcome> screened = screen.screen(exchange, number, purpose, channel);
        if (screened.isPresent()) {
            return screened.get();
        }
        try {
            String locale = VerifyLocales.forLocale(context.getSession().getContext().resolveLocale(context.getUser()));
            VerificationRequest verification = new VerificationRequest(target, channel,
                    locale, ip, Map.of("realm", context.getRealm().getName()), config.sendOptions());
            StartedVerification started = state.decoy()
                    ? new DecoyVerifyGateway(timings, VerifyTimings.accountOf(config.credentials()), state.checkCount(), false).start(verification)
                    : start(context, config, request, verification);
            admission.strangerSent(context, request, started.sid());
            state.countSend();
            state.codeSent(started.sid(), number, target, started.channel(), exchange.now(), enrolling);
            context.event(channel, state.decoy() ? null : number);
            return Outcome.codeForm(onSuccess);
        } catch (VerifyException e) {
            // A reset whose number Twilio refused is answered as a decoy's send, caps included (see failed()).
            boolean answeredAsSent = state.targetHidden() && !state.decoy() && !e.failure().needsAdminAttention();
            if (SendFailures.nothingWentOut(e) && !answeredAsSent) {
                decision.permit().giveBack();
            } else {
                // A timeout or a 5xx may still have reached the phone: it counts like any send.
                state.countSend();
            }
            return failed(exchange, number, enrolling, channel, e);
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
        if (state.targetHidden()) {
            // A reset or a phone sign-in: the requester has proved nothing. A decoy takes the slots of what stands in
            // for a number: the name typed on "Choose user" (ResetCodeStep's key), the number typed for a phone sign-in.
            return SendRequest.reset(target, ip);
        }
        if (enrolling) {
            return SendRequest.newNumber(target, context.getUser().getId(), ip);
        }
        return SendRequest.owner(target, context.getUser().getId(), ip);
    }

    private static Outcome failed(OtpRequest exchange, String number, boolean enrolling, Channel channel, VerifyException e) {
        OtpInteraction context = exchange.context();
        OtpAuthState state = exchange.state();
        if (state.decoy()) {
            // The decoy repeats the outage real requests just met; nothing to report, no number to show.
            return Outcome.codeForm(PageMessage.error(SendFailures.messageKey(e.failure())));
        }
        if (state.targetHidden() && !e.failure().needsAdminAttention()) {
            // A reset: Twilio refused this number (a landline, blocked, too many sends). Saying so would tell that the
            // account exists and has a phone; the page stays the decoy's, the admin log and the event say why.
            OtpEvents.twilioFailed(context.event(channel, number), context.getRealm(), "send", e, channel, true);
            state.decoyFromNowOn();
            state.codeSent(DecoyVerifyGateway.SID, number, number, channel, exchange.now(), false);
            return Outcome.codeForm(null);
        }
        boolean report = true;
        if (e.failure() == VerifyFailure.CHANNEL_DISABLED) {
            // Hidden from users from now on; the admin hears of it once, not on every login.
            report = new DisabledChannels(context.getSession()).markDisabled(exchange.config().credentials().serviceSid(), channel);
        }
        OtpEvents.twilioFailed(context.event(channel, number), context.getRealm(), "send", e, channel, report);
        List<Channel> usable = context.choices(exchange.config()).usable(enrolling);
        String key = SendFailures.messageKey(e.failure());
        if (e.failure() == VerifyFailure.LANDLINE && usable.contains(Channel.CALL)) {
            // A landline cannot take a text, but it can take a call: offer that straight away.
            state.numberChosen(number, channel, enrolling);
            return Outcome.codeForm(PageMessage.error(OtpMessages.LANDLINE_CALL));
        }
        if (e.failure() == VerifyFailure.CHANNEL_DISABLED && usable.stream().anyMatch(c -> c != channel)) {
            state.numberChosen(number, channel, enrolling);
            return Outcome.codeForm(PageMessage.error(OtpMessages.CHANNEL_UNAVAILABLE));
        }
        if (e.failure() == VerifyFailure.NUMBER_BLOCKED) {
            // Fraud Guard or Geo Permissions: this number gets nothing more in this sign-in, reloads included.
            state.numberRefused(number);
        }
        if (enrolling && SendFailures.numberRejected(e.failure())) {
            return askForPhone(state, number, PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, key));
        }
        if (e.failure() == VerifyFailure.NUMBER_BLOCKED && state.verificationSid().isEmpty()) {
            state.numberChosen(number, channel, enrolling);
        }
        return Outcome.codeForm(PageMessage.error(key));
    }

    /** Back to the phone form, with what was typed (a number being proved is the user's own input). */
    static Outcome askForPhone(OtpAuthState state, String number, PageMessage message) {
        state.askForPhone();
        return Outcome.phoneForm(number, message);
    }
}
