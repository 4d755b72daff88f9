package io.github.kctwilio.otp.lookup;

import io.github.kctwilio.otp.verify.VerifyTimings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Stands in for Lookup where the sign-in gets no code (a password reset for an unknown account, one without a phone, a
 * locked one): it asks Twilio nothing, but takes as long as Lookup has been taking on this node and answers as for an
 * ordinary mobile number. A reset that Lookup screens must not be told apart by its time from one that has no account.
 */
public final class DecoyLookupGateway implements LookupGateway {

    /** The last SIM swap of the stand-in number: long enough ago for any realm's period. */
    private static final Duration SWAP_AGE = Duration.ofDays(365);

    private final VerifyTimings timings;
    private final Clock clock;

    public DecoyLookupGateway(VerifyTimings timings, Clock clock) {
        this.timings = timings;
        this.clock = clock;
    }

    /** A real gateway whose successful requests are measured, so the decoy can take as long as they do. */
    public static LookupGateway measured(LookupGateway gateway, VerifyTimings timings) {
        return (e164, packages) -> {
            long started = System.nanoTime();
            LookupAnswer answer = gateway.lookup(e164, packages);
            timings.succeeded(VerifyTimings.Operation.LOOKUP, Duration.ofNanos(System.nanoTime() - started));
            return answer;
        };
    }

    @Override
    public LookupAnswer lookup(String e164, Set<LookupPackage> packages) {
        timings.waitAsTypical(VerifyTimings.Operation.LOOKUP);
        Instant now = clock.instant();
        return new LookupAnswer(true,
                packages.contains(LookupPackage.LINE_TYPE) ? PackageAnswer.answered(LineType.MOBILE, now) : PackageAnswer.notAsked(),
                packages.contains(LookupPackage.SMS_PUMPING_RISK) ? PackageAnswer.answered(0, now) : PackageAnswer.notAsked(),
                packages.contains(LookupPackage.SIM_SWAP)
                        ? PackageAnswer.answered(new SimSwap(now.minus(SWAP_AGE), null, null), now) : PackageAnswer.notAsked());
    }
}
