package io.github.kctwilio.otp.verify;

/** A Verify call that failed; {@link #failure()} says what to do, the rest is for the admin log. */
public final class VerifyException extends Exception {

    private final VerifyFailure failure;
    private final Integer httpStatus;
    private final Integer twilioCode;

    public VerifyException(VerifyFailure failure, Integer httpStatus, Integer twilioCode, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.httpStatus = httpStatus;
        this.twilioCode = twilioCode;
    }

    public VerifyFailure failure() {
        return failure;
    }

    /** HTTP status of Twilio's answer, null when there was no answer. */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** Twilio's error code (such as 60202), null when the answer had none. */
    public Integer twilioCode() {
        return twilioCode;
    }

    /** One line for the admin log: failure kind, HTTP status and Twilio code; never a phone number or secret. */
    public String describe() {
        return failure + " (http=" + (httpStatus == null ? "none" : httpStatus)
                + ", twilioCode=" + (twilioCode == null ? "none" : twilioCode) + "): " + getMessage();
    }
}
