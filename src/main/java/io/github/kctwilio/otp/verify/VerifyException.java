package io.github.kctwilio.otp.verify;

/** A Verify call that failed; {@link #failure()} says what to do, the rest is for the admin log. */
public final class VerifyException extends TwilioCallException {

    private final VerifyFailure failure;

    public VerifyException(VerifyFailure failure, Integer httpStatus, Integer twilioCode, String message, Throwable cause) {
        super(httpStatus, twilioCode, message, cause);
        this.failure = failure;
    }

    public VerifyFailure failure() {
        return failure;
    }

    @Override
    protected String kind() {
        return failure.name();
    }
}
