package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.OtpFormFields;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.keycloak.page.PageMessage;
import io.github.kctwilio.otp.keycloak.page.SendFailures;
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
 * Checks a typed code with Twilio and decides what follows: approval, or the code form with why not (wrong code,
 * expired, Twilio failing).
 */
public final class CodeCheck {

    private final VerifyGateways gateways;
    private final VerifyTimings timings;

    public CodeCheck(VerifyGateways gateways, VerifyTimings timings) {
        this.gateways = gateways;
        this.timings = timings;
    }

    public Outcome submit(OtpRequest request, String typed) {
        OtpAuthState state = request.state();
        Instant now = request.now();
        if (!state.verificationPending(now)) {
            return Outcome.codeForm(PageMessage.error(OtpMessages.CODE_EXPIRED));
        }
        Optional<String> code = VerificationCodes.normalize(typed);
        if (code.isEmpty()) {
            // Not worth a Twilio request, and not a guess worth counting.
            boolean blank = typed == null || typed.isBlank();
            return Outcome.codeForm(PageMessage.fieldError(OtpFormFields.CODE,
                    blank ? OtpMessages.MISSING_CODE : OtpMessages.INVALID_CODE_FORMAT));
        }
        String number = state.phone().orElseThrow();
        String shownNumber = state.decoy() ? null : number;
        try {
            VerifyGateway gateway = state.decoy()
                    ? new DecoyVerifyGateway(timings, VerifyTimings.accountOf(request.config().credentials()), state.checkCount(),
                            state.verificationExpired(now))
                    : gateways.gatewayFor(request.config().credentials());
            CheckResult result = gateway.check(state.verificationSid().orElseThrow(), code.get());
            state.codeChecked();
            if (result == CheckResult.APPROVED && !state.decoy()) {
                Outcome.Approval approval = new Outcome.Approval(number, state.channel(), state.enrolling());
                state.clear();
                return Outcome.approved(approval);
            }
            request.context().event(state.channel(), shownNumber).error(Errors.INVALID_USER_CREDENTIALS);
            return Outcome.wrongCode();
        } catch (VerifyException e) {
            OtpEvents.twilioFailed(request.context().event(state.channel(), shownNumber), request.context().getRealm(), "check", e,
                    state.channel(), !state.decoy());
            if (e.failure() == VerifyFailure.VERIFICATION_NOT_FOUND || e.failure() == VerifyFailure.TOO_MANY_CHECKS) {
                state.verificationEnded();
            }
            return Outcome.codeForm(PageMessage.error(SendFailures.messageKey(e.failure())));
        }
    }
}
