package io.github.kctwilio.otp.lookup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one Lookup data package said, and when: nothing (not asked for), a value, or a failure of its own. Lookup
 * answers HTTP 200 when a package cannot answer for a number (its country or carrier is not covered, or the carrier
 * sent too little): the package then carries an {@code error_code}, or is empty. Each package keeps its own time, so a
 * cached answer can be fresh for one package and stale for another.
 *
 * @param status    which of the three
 * @param value     the answer when {@link Status#ANSWERED}, else null
 * @param errorCode the package's {@code error_code} when {@link Status#FAILED} (60607 unsupported country, 60610 out
 *                  of coverage, 60620 incomplete SIM swap data, …); null when it failed without one
 * @param at        when Twilio answered; null when not asked
 */
public record PackageAnswer<T>(Status status, T value, Integer errorCode, Instant at) {

    public enum Status {
        NOT_ASKED, ANSWERED, FAILED
    }

    public PackageAnswer {
        Objects.requireNonNull(status, "status");
        if ((status == Status.ANSWERED) != (value != null)) {
            throw new IllegalArgumentException("a value exactly when answered");
        }
        if (status != Status.FAILED && errorCode != null) {
            throw new IllegalArgumentException("an error code only when failed");
        }
        if ((status == Status.NOT_ASKED) != (at == null)) {
            throw new IllegalArgumentException("a time exactly when asked");
        }
    }

    public static <T> PackageAnswer<T> notAsked() {
        return new PackageAnswer<>(Status.NOT_ASKED, null, null, null);
    }

    public static <T> PackageAnswer<T> answered(T value, Instant at) {
        return new PackageAnswer<>(Status.ANSWERED, Objects.requireNonNull(value, "value"), null, Objects.requireNonNull(at, "at"));
    }

    public static <T> PackageAnswer<T> failed(Integer errorCode, Instant at) {
        return new PackageAnswer<>(Status.FAILED, null, errorCode, Objects.requireNonNull(at, "at"));
    }

    public Optional<T> answer() {
        return Optional.ofNullable(value);
    }

    /** This part, unless the other was asked later. */
    PackageAnswer<T> orNewer(PackageAnswer<T> other) {
        return other.at != null && (at == null || other.at.isAfter(at)) ? other : this;
    }
}
