package io.github.kctwilio.otp.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long Twilio has been taking on this node, and whether it has just failed for everyone: what a decoy needs to
 * look like a real request. A password-reset page for an unknown account must take as long as one that made a real
 * Twilio request, and must fail alike while Twilio is down, or its timing and its errors would tell the two apart.
 * <p>
 * Keeps the last {@value #SAMPLES} durations of successful calls per operation; the typical duration is their median:
 * robust against the odd slow call, and quick to follow Twilio when it slows down or speeds up. Before any real call,
 * a typical round trip to Twilio stands in.
 */
public final class VerifyTimings {

    /** Operations whose durations a decoy imitates: Verify's, and Lookup's (measured by the lookup package). */
    public enum Operation { START, CHECK, LOOKUP }

    static final int SAMPLES = 7;
    /** A round trip to Twilio from a typical data centre, until this node has measured its own. */
    static final Duration UNMEASURED = Duration.ofMillis(150);
    /** A failure that hit every request is assumed to last this long (about the time an outage page stays up). */
    static final Duration OUTAGE_MEMORY = Duration.ofSeconds(30);

    private final Clock clock;
    private final Map<Operation, long[]> samples = new EnumMap<>(Operation.class);
    private final Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
    /** The last outage of each Twilio account (see {@link #accountOf}) that no successful call has ended since. */
    private final Map<String, Outage> outages = new HashMap<>();

    private record Outage(VerifyException failure, Instant at) {
    }

    public VerifyTimings(Clock clock) {
        this.clock = clock;
        for (Operation operation : Operation.values()) {
            samples.put(operation, new long[SAMPLES]);
            counts.put(operation, 0);
        }
    }

    /**
     * What outages are remembered by: the Twilio account and Verify Service of a realm. Realms on other accounts must
     * not see one realm's outage (or its wrong Auth Token): their decoys would fail where their real requests succeed.
     */
    public static String accountOf(VerifyCredentials credentials) {
        return credentials.accountSid() + "/" + credentials.serviceSid();
    }

    /** Records a real call that Twilio answered: the account's outage, if it had one, is over. */
    public synchronized void succeeded(Operation operation, Duration took, String account) {
        succeeded(operation, took);
        outages.remove(account);
    }

    /** Records a call that Twilio answered, of no Verify account in particular (a Lookup). */
    public synchronized void succeeded(Operation operation, Duration took) {
        int count = counts.get(operation);
        samples.get(operation)[count % SAMPLES] = took.toNanos();
        counts.put(operation, count + 1);
    }

    /** Records a real call that failed; failures that are not about the number (an outage, bad credentials) are kept. */
    public synchronized void failed(VerifyException e, String account) {
        if (e.failure() == VerifyFailure.UNAVAILABLE || e.failure() == VerifyFailure.BAD_CREDENTIALS) {
            outages.put(account, new Outage(e, clock.instant()));
        }
    }

    /** The median of the recent successful calls of this kind. */
    public synchronized Duration typical(Operation operation) {
        int count = Math.min(counts.get(operation), SAMPLES);
        if (count == 0) {
            return UNMEASURED;
        }
        long[] sorted = Arrays.copyOf(samples.get(operation), count);
        Arrays.sort(sorted);
        return Duration.ofNanos(sorted[count / 2]);
    }

    /** What a decoy does in a request's place: waits as long as {@link #typical} says such a request takes. */
    public void waitAsTypical(Operation operation) {
        Duration wait = typical(operation);
        try {
            Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The failure this account's real requests met within the last {@link #OUTAGE_MEMORY}, unless one has succeeded
     * since: a decoy then fails alike, and only then.
     */
    public synchronized Optional<VerifyException> recentOutage(String account) {
        Outage outage = outages.get(account);
        if (outage == null || clock.instant().isAfter(outage.at().plus(OUTAGE_MEMORY))) {
            return Optional.empty();
        }
        return Optional.of(outage.failure());
    }

    /** Wraps a real gateway of this account (see {@link #accountOf}) so that its calls are measured here. */
    public VerifyGateway measure(VerifyGateway gateway, String account) {
        return new VerifyGateway() {
            @Override
            public StartedVerification start(VerificationRequest request) throws VerifyException {
                return timed(Operation.START, account, () -> gateway.start(request));
            }

            @Override
            public CheckResult check(String verificationSid, String code) throws VerifyException {
                return timed(Operation.CHECK, account, () -> gateway.check(verificationSid, code));
            }

            @Override
            public void cancel(String verificationSid) throws VerifyException {
                gateway.cancel(verificationSid);
            }
        };
    }

    private interface Call<T> {
        T run() throws VerifyException;
    }

    private <T> T timed(Operation operation, String account, Call<T> call) throws VerifyException {
        long started = System.nanoTime();
        try {
            T result = call.run();
            succeeded(operation, Duration.ofNanos(System.nanoTime() - started), account);
            return result;
        } catch (VerifyException e) {
            failed(e, account);
            throw e;
        }
    }
}
