package io.github.kctwilio.otp.metrics;

import io.github.kctwilio.otp.verify.CheckResult;
import io.github.kctwilio.otp.verify.StartedVerification;
import io.github.kctwilio.otp.verify.VerificationRequest;
import io.github.kctwilio.otp.verify.VerifyException;
import io.github.kctwilio.otp.verify.VerifyFailure;
import io.github.kctwilio.otp.verify.VerifyGateway;
import java.util.ArrayDeque;
import java.util.Deque;

/** A gateway that answers from a script, so the metering decorator can be tested without HTTP. */
final class ScriptedGateway implements VerifyGateway {

    private final Deque<Object> answers = new ArrayDeque<>();
    private int sequence;

    /** The next call succeeds: a start gets a fresh SID, a check gets this result. */
    ScriptedGateway then(CheckResult checkResult) {
        answers.add(checkResult);
        return this;
    }

    ScriptedGateway thenSucceed() {
        answers.add("ok");
        return this;
    }

    ScriptedGateway thenFail(VerifyFailure failure) {
        answers.add(new VerifyException(failure, 503, null, "scripted", null));
        return this;
    }

    @Override
    public StartedVerification start(VerificationRequest request) throws VerifyException {
        next();
        return new StartedVerification(String.format("VE%032d", ++sequence), request.channel());
    }

    @Override
    public CheckResult check(String verificationSid, String code) throws VerifyException {
        return (CheckResult) next();
    }

    @Override
    public void cancel(String verificationSid) throws VerifyException {
        next();
    }

    private Object next() throws VerifyException {
        Object answer = answers.removeFirst();
        if (answer instanceof VerifyException e) {
            throw e;
        }
        return answer;
    }
}
