package io.github.kctwilio.otp.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the emulated Lookup v2 knows about numbers, set by tests: line type, SMS pumping risk score, last SIM swap,
 * and which data packages answer with their own {@code error_code} (an unsupported country or carrier), plus faults
 * for Lookup requests alone (Verify requests have their own). Numbers nobody set up are ordinary: their line type is
 * what libphonenumber says (US numbers, which can be either, count as mobile), their pumping risk score is 0 and their
 * SIM was last swapped a year ago.
 */
public final class LookupNumbers {

    /** The swapped_period a Twilio account is onboarded with when nobody says otherwise (Twilio's examples show PT24H and PT48H). */
    public static final Duration DEFAULT_SWAPPED_PERIOD = Duration.ofHours(24);
    /** The last SIM swap of a number nobody set up. */
    static final Duration DEFAULT_SWAP_AGE = Duration.ofDays(365);

    /** A SIM swap as Twilio reports it: the date when the carrier gives one, else only whether it fell in the period. */
    record SimSwap(Instant lastSwap, Duration swappedPeriod, boolean swappedInPeriod) {
    }

    /** Numbers starting with {@code prefix} ("+49" for a country, a whole number for one) get this code in that package. */
    private record PackageError(String prefix, String field, int errorCode) {
    }

    private final EmulatorClock clock;
    private final Map<String, String> lineTypes = new ConcurrentHashMap<>();
    private final Map<String, Integer> pumpingRiskScores = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSwaps = new ConcurrentHashMap<>();
    private final Map<String, SimSwap> swapsWithoutDate = new ConcurrentHashMap<>();
    private final List<PackageError> packageErrors = new CopyOnWriteArrayList<>();
    private final FaultQueue faults = new FaultQueue();
    private volatile Duration swappedPeriod = DEFAULT_SWAPPED_PERIOD;

    LookupNumbers(EmulatorClock clock) {
        this.clock = clock;
    }

    /** Line type intelligence answers this {@code type} (mobile, landline, nonFixedVoip, tollFree, …) for the number. */
    public LookupNumbers lineType(String number, String type) {
        lineTypes.put(number, Objects.requireNonNull(type, "type"));
        return this;
    }

    /** SMS pumping risk answers this {@code sms_pumping_risk_score} (0 to 100) for the number. */
    public LookupNumbers smsPumpingRisk(String number, int score) {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score out of 0..100: " + score);
        }
        pumpingRiskScores.put(number, score);
        return this;
    }

    /** The number's SIM was swapped this long ago (on the emulator's clock); the carrier reports the date. */
    public LookupNumbers simSwappedAgo(String number, Duration ago) {
        swapsWithoutDate.remove(number);
        lastSwaps.put(number, clock.now().minus(ago));
        return this;
    }

    /** The carrier reports no date, only whether a swap fell within {@code swappedPeriod} (as in some countries). */
    public LookupNumbers simSwapWithoutDate(String number, Duration swappedPeriod, boolean swappedInPeriod) {
        lastSwaps.remove(number);
        swapsWithoutDate.put(number, new SimSwap(null, swappedPeriod, swappedInPeriod));
        return this;
    }

    /** The swapped_period the account is onboarded with (Twilio configures it per account, not per request). */
    public LookupNumbers swappedPeriod(Duration period) {
        swappedPeriod = Objects.requireNonNull(period, "period");
        return this;
    }

    /**
     * The package {@code field} (line_type_intelligence, sms_pumping_risk, sim_swap) answers with only this
     * {@code error_code} for numbers starting with {@code prefix}: 60607 for an unsupported country, for example.
     */
    public LookupNumbers failPackage(String prefix, String field, int errorCode) {
        packageErrors.add(new PackageError(prefix, field, errorCode));
        return this;
    }

    /** The next Lookup request is answered with this Twilio error. */
    public void failNext(int httpStatus, int twilioCode) {
        faults.add(new FaultQueue.Fail(httpStatus, twilioCode));
    }

    /** The next Lookup request is answered with exactly this body, e.g. broken JSON or an HTML 503 page. */
    public void failNextWithBody(int httpStatus, String rawBody, String contentType) {
        faults.add(new FaultQueue.RawBody(httpStatus, rawBody, contentType));
    }

    /** Every Lookup request from now on is answered this much later, until {@link VerifyEmulator#reset}; zero: at once. */
    public void delayEvery(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        faults.setStanding(delay.isZero() ? null : new FaultQueue.Delay(delay));
    }

    /** Every Lookup request from now on is never answered, until {@link VerifyEmulator#reset} or close. */
    public void hangEvery() {
        faults.setStanding(new FaultQueue.Hang());
    }

    FaultQueue faults() {
        return faults;
    }

    String lineTypeOf(String e164, String derived) {
        return lineTypes.getOrDefault(e164, derived);
    }

    int pumpingRiskOf(String e164) {
        return pumpingRiskScores.getOrDefault(e164, 0);
    }

    SimSwap simSwapOf(String e164) {
        SimSwap withoutDate = swapsWithoutDate.get(e164);
        if (withoutDate != null) {
            return withoutDate;
        }
        Instant now = clock.now();
        Instant last = lastSwaps.getOrDefault(e164, now.minus(DEFAULT_SWAP_AGE));
        Duration period = swappedPeriod;
        return new SimSwap(last, period, !last.isBefore(now.minus(period)));
    }

    Optional<Integer> packageError(String e164, String field) {
        return packageErrors.stream()
                .filter(e -> e.field().equals(field) && e164.startsWith(e.prefix()))
                .map(PackageError::errorCode)
                .findFirst();
    }

    /** Forgets every setting and fault, releasing hung requests. */
    void clear() {
        lineTypes.clear();
        pumpingRiskScores.clear();
        lastSwaps.clear();
        swapsWithoutDate.clear();
        packageErrors.clear();
        faults.clear();
        swappedPeriod = DEFAULT_SWAPPED_PERIOD;
    }
}
