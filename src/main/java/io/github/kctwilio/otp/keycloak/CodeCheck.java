package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.CheckResult;
import io.github.kctwilio.otp.verify.VerificationCodes;
import io.github.kctwilio.otp.verify.VerifyException;
import io.github.kctwilio.otp.verify.VerifyFailure;
import io.github.kctwilio.otp.verify.VerifyGateways;
import java.time.Instant;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/** Checks a typed code with Twilio and ends the step: approved, wrong (counted), or a clear reason why not. */
final class CodeCheck {

    /** Attribute names of Keycloak's built-in {@code phone} client scope. */
    static final String PHONE_ATTRIBUTE = "phoneNumber";
    static final String PHONE_VERIFIED_ATTRIBUTE = "phoneNumberVerified";

    private final VerifyGateways gateways;

    CodeCheck(VerifyGateways gateways) {
        this.gateways = gateways;
    }

    void submit(AuthenticationFlowContext context, TwilioOtpConfig config, OtpAuthState state, String typed, Instant now) {
        if (!state.verificationPending(now)) {
            context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.error(OtpMessages.CODE_EXPIRED)));
            return;
        }
        if (typed == null || typed.isBlank()) {
            context.challenge(OtpForms.codeForm(context, config, state, now, codeError(OtpMessages.MISSING_CODE)));
            return;
        }
        Optional<String> code = VerificationCodes.normalize(typed);
        if (code.isEmpty()) {
            // Cannot be a code: not worth a Twilio request, and not a guess worth counting.
            context.challenge(OtpForms.codeForm(context, config, state, now, codeError(OtpMessages.INVALID_CODE_FORMAT)));
            return;
        }
        String number = state.phone().orElseThrow();
        try {
            CheckResult result = gateways.gatewayFor(config.credentials()).check(state.verificationSid().orElseThrow(), code.get());
            if (result == CheckResult.APPROVED) {
                approved(context, state, number);
            } else {
                OtpEvents.event(context, state.channel(), number).error(Errors.INVALID_USER_CREDENTIALS);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                        OtpForms.codeForm(context, config, state, now, codeError(OtpMessages.WRONG_CODE)));
            }
        } catch (VerifyException e) {
            OtpEvents.twilioFailed(context, "check", e, state.channel(), number, true);
            if (e.failure() == VerifyFailure.VERIFICATION_NOT_FOUND || e.failure() == VerifyFailure.TOO_MANY_CHECKS) {
                state.verificationEnded();
            }
            context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.error(SendFailures.messageKey(e.failure()))));
        }
    }

    /** Twilio approved: a new number is saved now, never before; the number is marked verified. */
    private static void approved(AuthenticationFlowContext context, OtpAuthState state, String number) {
        UserModel user = context.getUser();
        if (state.enrolling()) {
            user.setSingleAttribute(PHONE_ATTRIBUTE, number);
        }
        // A code by email proves the mailbox, not the phone.
        if (state.channel() != Channel.EMAIL && !"true".equals(user.getFirstAttribute(PHONE_VERIFIED_ATTRIBUTE))) {
            user.setSingleAttribute(PHONE_VERIFIED_ATTRIBUTE, "true");
        }
        OtpEvents.event(context, state.channel(), number);
        state.clear();
        // "otp" clears the brute-force failures of wrong codes; Keycloak 26.2 has only success().
        FlowSuccess.succeed(context, OTPCredentialModel.TYPE);
    }

    private static PageMessage codeError(String key) {
        return PageMessage.fieldError(OtpFormFields.CODE, key);
    }
}
