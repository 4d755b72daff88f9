package io.github.kctwilio.otp.config;

import io.github.kctwilio.otp.lookup.LineType;
import io.github.kctwilio.otp.lookup.LookupAnswer;
import io.github.kctwilio.otp.lookup.LookupException;
import io.github.kctwilio.otp.lookup.LookupPackage;
import io.github.kctwilio.otp.lookup.PackageAnswer;
import io.github.kctwilio.otp.lookup.SimSwap;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The realm's Lookup rules applied to one send: which packages to ask for, which cached answers still do, and whether
 * the code may go out. Lookup is asked before a number becomes someone's (enrolment, signup) and before the codes an
 * attacker with a swapped SIM would want (reset, step-up), never at an ordinary sign-in.
 */
public final class NumberScreening {

    private NumberScreening() {
    }

    /** Why a code is about to be sent. */
    public enum Purpose {
        /** A signed-in user adds or changes a number (the required action, an account's first number at sign-in). */
        ENROLMENT,
        /** A stranger registers with a number: an anonymous send. */
        SIGNUP,
        /** A password reset: an anonymous send to the account's number. */
        RESET,
        /** A step-up of a signed-in user. */
        STEP_UP,
        /** An ordinary sign-in: never looked up. */
        SIGN_IN;

        /** The number is not the user's yet: the code proves it, and it becomes a phone credential on approval. */
        public boolean newNumber() {
            return this == ENROLMENT || this == SIGNUP;
        }
    }

    /** Why a send was refused, or let through although Lookup could not answer. */
    public enum Reason {
        LINE_TYPE,
        SMS_PUMPING_RISK,
        SIM_SWAP,
        /** Twilio says no carrier may assign the number. */
        INVALID_NUMBER,
        /** The request failed, a package could not answer, or a SIM swap answer was undetermined. */
        LOOKUP_FAILED
    }

    /**
     * @param send   whether the code may go out
     * @param reason why it may not, or why it may despite Lookup failing; null for a plain yes
     * @param detail for the event and the admin log ("lineType=nonFixedVoip"); never the number
     */
    public record Verdict(boolean send, Reason reason, String detail) {

        static final Verdict SEND = new Verdict(true, null, null);

        static Verdict refuse(Reason reason, String detail) {
            return new Verdict(false, reason, detail);
        }
    }

    /** The packages this send needs; empty when Lookup is off or has nothing to say about it. */
    public static Set<LookupPackage> packagesFor(LookupSettings settings, Purpose purpose) {
        Set<LookupPackage> packages = EnumSet.noneOf(LookupPackage.class);
        if (!settings.enabled()) {
            return packages;
        }
        boolean anonymous = purpose == Purpose.SIGNUP || purpose == Purpose.RESET;
        if (purpose.newNumber()) {
            packages.add(LookupPackage.LINE_TYPE);
        }
        if (anonymous && settings.pumpingRiskThreshold().isPresent()) {
            packages.add(LookupPackage.SMS_PUMPING_RISK);
        }
        if ((purpose == Purpose.RESET || purpose == Purpose.STEP_UP) && settings.simSwapPeriod().isPresent()) {
            packages.add(LookupPackage.SIM_SWAP);
        }
        return packages;
    }

    /** The packages this send needs that the cached answer (about the same number) cannot give any more. */
    public static Set<LookupPackage> toAsk(LookupSettings settings, Purpose purpose, Optional<LookupAnswer> cached, Instant now) {
        Set<LookupPackage> packages = packagesFor(settings, purpose);
        cached.ifPresent(answer -> packages.removeIf(p -> fresh(settings, p, answer.part(p), now)));
        return packages;
    }

    /**
     * Decides on an answer that holds every package of {@link #packagesFor}. A definite refusal wins over a package
     * that could not answer; that one then follows the failure policy.
     *
     * @param voiceOffered whether this flow offers the voice channel (a landline can take a call)
     */
    public static Verdict screen(LookupSettings settings, Purpose purpose, boolean voiceOffered, LookupAnswer answer, Instant now) {
        Set<LookupPackage> packages = packagesFor(settings, purpose);
        if (packages.isEmpty()) {
            return Verdict.SEND;
        }
        if (!answer.valid()) {
            return Verdict.refuse(Reason.INVALID_NUMBER, "valid=false");
        }
        String unanswered = null;
        for (LookupPackage p : packages) {
            Finding finding = check(settings, p, answer, voiceOffered, now);
            if (finding.refusal() != null) {
                return finding.refusal();
            }
            unanswered = unanswered != null ? unanswered : finding.unanswered();
        }
        return unanswered == null ? Verdict.SEND : onFailure(settings, unanswered);
    }

    /** One package's say: a refusal, no answer (why), or neither. */
    private record Finding(Verdict refusal, String unanswered) {
        static final Finding NONE = new Finding(null, null);
    }

    private static Finding check(LookupSettings settings, LookupPackage p, LookupAnswer answer, boolean voiceOffered, Instant now) {
        PackageAnswer<?> part = answer.part(p);
        if (part.status() != PackageAnswer.Status.ANSWERED) {
            return new Finding(null, p.field() + " " + part.status().name().toLowerCase(Locale.ROOT)
                    + (part.errorCode() == null ? "" : " error_code=" + part.errorCode()));
        }
        switch (p) {
            case LINE_TYPE -> {
                LineType type = answer.lineType().value();
                return settings.refuses(type, voiceOffered)
                        ? new Finding(Verdict.refuse(Reason.LINE_TYPE, "lineType=" + type.wireName()), null) : Finding.NONE;
            }
            case SMS_PUMPING_RISK -> {
                int threshold = settings.pumpingRiskThreshold().orElseThrow();
                int score = answer.smsPumpingRisk().value();
                return score > threshold ? new Finding(Verdict.refuse(Reason.SMS_PUMPING_RISK,
                        "smsPumpingRiskScore=" + score + " above " + threshold), null) : Finding.NONE;
            }
            default -> { // SIM_SWAP
                Duration period = settings.simSwapPeriod().orElseThrow();
                SimSwap swap = answer.simSwap().value();
                return switch (SimSwapRecency.of(swap, period, now)) {
                    case RECENT -> new Finding(Verdict.refuse(Reason.SIM_SWAP, swap.lastSwapDate()
                            .map(date -> "simSwap " + Duration.between(date, now).toMinutes() + " min ago, period " + period)
                            .orElse("simSwap within " + swap.swappedPeriod())), null);
                    case UNDETERMINED -> new Finding(null, "sim_swap in " + swap.swappedPeriod() + " undetermined for " + period);
                    case NOT_RECENT -> Finding.NONE;
                };
            }
        }
    }

    /** The request as a whole failed: the failure policy decides. */
    public static Verdict lookupFailed(LookupSettings settings, LookupException e) {
        return onFailure(settings, e.describe());
    }

    private static Verdict onFailure(LookupSettings settings, String detail) {
        return new Verdict(settings.onFailure() == LookupSettings.FailurePolicy.ALLOW, Reason.LOOKUP_FAILED, detail);
    }

    /** Whether a cached part may still answer for this package: SIM swap answers age fastest. */
    private static boolean fresh(LookupSettings settings, LookupPackage p, PackageAnswer<?> part, Instant now) {
        if (part.at() == null) {
            return false;
        }
        Duration lifetime = p == LookupPackage.SIM_SWAP && LookupSettings.SIM_SWAP_REUSE.compareTo(settings.cacheLifetime()) < 0
                ? LookupSettings.SIM_SWAP_REUSE : settings.cacheLifetime();
        return part.at().plus(lifetime).isAfter(now);
    }
}
