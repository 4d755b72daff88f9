package io.github.kctwilio.otp.metrics;

import io.github.kctwilio.otp.verify.CheckResult;
import io.github.kctwilio.otp.verify.StartedVerification;
import io.github.kctwilio.otp.verify.VerificationRequest;
import io.github.kctwilio.otp.verify.VerifyException;
import io.github.kctwilio.otp.verify.VerifyFailure;
import io.github.kctwilio.otp.verify.VerifyGateway;
import java.time.Duration;

/**
 * A {@link VerifyGateway} that counts what it asks of Twilio, by channel and outcome, and passes every answer and
 * every exception through unchanged. The login step does not know it is there.
 */
final class MeteredVerifyGateway implements VerifyGateway {

    private final VerifyGateway delegate;
    private final TwilioOtpMetrics metrics;

    MeteredVerifyGateway(VerifyGateway delegate, TwilioOtpMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public StartedVerification start(VerificationRequest request) throws VerifyException {
        long started = System.nanoTime();
        try {
            StartedVerification verification = delegate.start(request);
            // Checks carry only the verification SID: remember its channel so they can be counted by channel too.
            metrics.channels().remember(verification.sid(), verification.channel());
            metrics.sendFinished(verification.channel(), TwilioOtpMetrics.SENT);
            return verification;
        } catch (VerifyException e) {
            metrics.sendFinished(request.channel(), TwilioOtpMetrics.outcomeOf(e.failure()));
            throw e;
        } finally {
            metrics.requestTook("send", Duration.ofNanos(System.nanoTime() - started));
        }
    }

    @Override
    public CheckResult check(String verificationSid, String code) throws VerifyException {
        long started = System.nanoTime();
        try {
            CheckResult result = delegate.check(verificationSid, code);
            boolean approved = result == CheckResult.APPROVED;
            metrics.checkFinished(verificationSid, approved ? TwilioOtpMetrics.APPROVED : TwilioOtpMetrics.WRONG_CODE);
            if (approved) {
                metrics.channels().forget(verificationSid);
            }
            return result;
        } catch (VerifyException e) {
            metrics.checkFinished(verificationSid, TwilioOtpMetrics.outcomeOf(e.failure()));
            if (e.failure() == VerifyFailure.VERIFICATION_NOT_FOUND || e.failure() == VerifyFailure.TOO_MANY_CHECKS) {
                metrics.channels().forget(verificationSid);
            }
            throw e;
        } finally {
            metrics.requestTook("check", Duration.ofNanos(System.nanoTime() - started));
        }
    }

    @Override
    public void cancel(String verificationSid) throws VerifyException {
        long started = System.nanoTime();
        try {
            delegate.cancel(verificationSid);
            metrics.channels().forget(verificationSid);
        } finally {
            metrics.requestTook("cancel", Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
