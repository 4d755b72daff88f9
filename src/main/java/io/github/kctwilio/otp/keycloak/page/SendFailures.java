package io.github.kctwilio.otp.keycloak.page;

import io.github.kctwilio.otp.verify.VerifyException;
import io.github.kctwilio.otp.verify.VerifyFailure;
import java.net.ConnectException;
import java.util.Locale;
import org.keycloak.events.Errors;

/** What the user reads, and what the event records, for each way a Verify call can fail. */
public final class SendFailures {

    private SendFailures() {
    }

    public static String messageKey(VerifyFailure failure) {
        return switch (failure) {
            case VERIFICATION_NOT_FOUND -> OtpMessages.CODE_EXPIRED;
            case TOO_MANY_CHECKS -> OtpMessages.TOO_MANY_ATTEMPTS;
            case TOO_MANY_SENDS -> OtpMessages.TOO_MANY_SENDS;
            case THROTTLED -> OtpMessages.THROTTLED;
            case INVALID_PARAMETER, LANDLINE, NUMBER_BLOCKED -> OtpMessages.CANNOT_SEND;
            case BAD_CREDENTIALS, CHANNEL_DISABLED, UNAVAILABLE -> OtpMessages.SERVICE_UNAVAILABLE;
        };
    }

    /** Event errors: Keycloak's own constant where one fits, else a short stable string of ours. */
    public static String eventError(VerifyFailure failure) {
        if (failure == VerifyFailure.VERIFICATION_NOT_FOUND) {
            return Errors.EXPIRED_CODE;
        }
        return "twilio_" + failure.name().toLowerCase(Locale.ROOT);
    }

    /**
     * True when a failed send surely reached nobody, for a reason that is neither the user's nor an attacker's: Twilio
     * answered with a 4xx refusal the admin must fix (credentials, a disabled channel, a request it did not take), or
     * no connection could be opened at all. Its cap slots are given back. A timeout, a dropped connection or a 5xx
     * may have come after Twilio sent the code, so those count; so do refusals of the number itself, or retrying bad
     * numbers would cost nothing.
     */
    public static boolean nothingWentOut(VerifyException e) {
        if (!e.failure().needsAdminAttention()) {
            return false;
        }
        Integer status = e.httpStatus();
        if (status != null) {
            return status >= 400 && status < 500;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** True when the number itself is the problem, so a user who typed it may type another. */
    public static boolean numberRejected(VerifyFailure failure) {
        return failure == VerifyFailure.INVALID_PARAMETER || failure == VerifyFailure.LANDLINE
                || failure == VerifyFailure.NUMBER_BLOCKED;
    }
}
