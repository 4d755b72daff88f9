package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.CheckResult;
import io.github.kctwilio.otp.verify.DecoyVerifyGateway;
import io.github.kctwilio.otp.verify.VerificationCodes;
import io.github.kctwilio.otp.verify.VerifyException;
import io.github.kctwilio.otp.verify.VerifyFailure;
import io.github.kctwilio.otp.verify.VerifyGateway;
import io.github.kctwilio.otp.verify.VerifyGateways;
import io.github.kctwilio.otp.verify.VerifyTimings;
import java.time.Instant;
import java.util.Optional;
import org.keycloak.events.Errors;

/**
 * Checks a typed code with Twilio. Every outcome but approval ends here with a page (wrong code, expired, Twilio
 * failing); an approval is handed back, for the step or the action to finish in its own way.
 */
final class CodeCheck {

    /**
     * A code Twilio approved.
     *
     * @param number    the number the code went to (or, for the email channel, the number this login is about)
     * @param channel   how the code was delivered
     * @param enrolling true when the number was typed by the user and is not yet stored
     */
    record Approval(String number, Channel channel, boolean enrolling) {

        /** A code by email proves the mailbox, not the phone. */
        boolean provesPhone() {
            return channel != Channel.EMAIL;
        }
    }

    private final VerifyGateways gateways;
    private final VerifyTimings timings;

    CodeCheck(VerifyGateways gateways, VerifyTimings timings) {
        this.gateways = gateways;
        this.timings = timings;
    }

    /** @return the approval, or empty when a page has been shown instead */
    Optional<Approval> submit(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, String typed, Instant now) {
        if (!state.verificationPending(now)) {
            context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.error(OtpMessages.CODE_EXPIRED)));
            return Optional.empty();
        }
        Optional<String> code = wellFormedCode(context, config, state, typed, now);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        String number = state.phone().orElseThrow();
        try {
            VerifyGateway gateway = state.decoy()
                    ? new DecoyVerifyGateway(timings, state.checkCount(), state.verificationExpired(now))
                    : gateways.gatewayFor(config.credentials());
            CheckResult result = gateway.check(state.verificationSid().orElseThrow(), code.get());
            state.codeChecked();
            if (result == CheckResult.APPROVED && !state.decoy()) {
                Approval approval = new Approval(number, state.channel(), state.enrolling());
                state.clear();
                return Optional.of(approval);
            }
            OtpEvents.event(context, state.channel(), state.decoy() ? null : number).error(Errors.INVALID_USER_CREDENTIALS);
            context.wrongCode(OtpForms.codeForm(context, config, state, now, wrongCode()));
        } catch (VerifyException e) {
            OtpEvents.twilioFailed(context, "check", e, state.channel(), state.decoy() ? null : number, !state.decoy());
            if (e.failure() == VerifyFailure.VERIFICATION_NOT_FOUND || e.failure() == VerifyFailure.TOO_MANY_CHECKS) {
                state.verificationEnded();
            }
            context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.error(SendFailures.messageKey(e.failure()))));
        }
        return Optional.empty();
    }

    /**
     * The typed code, normalised; or empty after showing why it cannot be one. Such input is not worth a Twilio
     * request, and not a guess worth counting.
     */
    static Optional<String> wellFormedCode(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, String typed,
                                           Instant now) {
        if (typed == null || typed.isBlank()) {
            context.challenge(OtpForms.codeForm(context, config, state, now, codeError(OtpMessages.MISSING_CODE)));
            return Optional.empty();
        }
        Optional<String> code = VerificationCodes.normalize(typed);
        if (code.isEmpty()) {
            context.challenge(OtpForms.codeForm(context, config, state, now, codeError(OtpMessages.INVALID_CODE_FORMAT)));
        }
        return code;
    }

    /** The page for a code Twilio did not accept. */
    static PageMessage wrongCode() {
        return codeError(OtpMessages.WRONG_CODE);
    }

    private static PageMessage codeError(String key) {
        return PageMessage.fieldError(OtpFormFields.CODE, key);
    }
}
