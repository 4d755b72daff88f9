package io.github.kctwilio.otp.verify;

/** The answer to a code check. A wrong code is not an error in Verify: it is HTTP 200 with status "pending". */
public enum CheckResult {
    APPROVED,
    WRONG_CODE
}
