package io.github.kctwilio.otp.verify;

/** The three Verify operations the plugin needs, for one Verify Service and one set of credentials. */
public interface VerifyGateway {

    /** Sends a code, or re-sends the pending one: Twilio keeps one verification per number for 10 minutes. */
    StartedVerification start(VerificationRequest request) throws VerifyException;

    /** Checks a code against the verification with this SID. */
    CheckResult check(String verificationSid, String code) throws VerifyException;

    /** Cancels a verification so its code stops working. */
    void cancel(String verificationSid) throws VerifyException;
}
