package io.github.kctwilio.otp.lookup;

import io.github.kctwilio.otp.verify.TwilioCallException;

/** A Lookup request that failed as a whole; {@link #describe()} is the admin's log line. */
public final class LookupException extends TwilioCallException {

    private final LookupFailure failure;

    public LookupException(LookupFailure failure, Integer httpStatus, Integer twilioCode, String message, Throwable cause) {
        super(httpStatus, twilioCode, message, cause);
        this.failure = failure;
    }

    public LookupFailure failure() {
        return failure;
    }

    @Override
    protected String kind() {
        return "Lookup " + failure.name();
    }
}
