package io.github.kctwilio.otp.verify;

/** What went wrong in an SDK call, for the admin log, without the messages (they may quote a number). */
public final class CauseChain {

    private CauseChain() {
    }

    /** Exception class names only ("ApiConnectionException < SocketTimeoutException"): telling, and free of user data. */
    public static String of(Throwable e) {
        StringBuilder chain = new StringBuilder(e.getClass().getSimpleName());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            chain.append(" < ").append(cause.getClass().getSimpleName());
        }
        return chain.toString();
    }
}
