package io.github.kctwilio.otp.verify;

/** A call to a Twilio API that failed; the subclass says what to do, the rest is for the admin log. */
public abstract class TwilioCallException extends Exception {

    private final Integer httpStatus;
    private final Integer twilioCode;

    protected TwilioCallException(Integer httpStatus, Integer twilioCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.twilioCode = twilioCode;
    }

    /** HTTP status of Twilio's answer, null when there was no answer. */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** Twilio's error code (such as 60202), null when the answer had none. */
    public Integer twilioCode() {
        return twilioCode;
    }

    /** The kind of failure, as the log line starts with it. */
    protected abstract String kind();

    /** One line for the admin log: failure kind, HTTP status and Twilio code; never a phone number or secret. */
    public String describe() {
        return kind() + " (http=" + (httpStatus == null ? "none" : httpStatus)
                + ", twilioCode=" + (twilioCode == null ? "none" : twilioCode) + "): " + getMessage();
    }
}
