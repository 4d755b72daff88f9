package io.github.kctwilio.otp.lookup;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.lookups.v2.PhoneNumber;
import io.github.kctwilio.otp.verify.CauseChain;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@link LookupGateway} on the official twilio-java SDK ({@code GET /v2/PhoneNumbers/{PhoneNumber}?Fields=…}). */
public final class TwilioLookupGateway implements LookupGateway {

    private final TwilioRestClient client;
    private final Clock clock;

    public TwilioLookupGateway(TwilioRestClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public LookupAnswer lookup(String e164, Set<LookupPackage> packages) throws LookupException {
        if (packages.isEmpty()) {
            throw new IllegalArgumentException("no package to ask for");
        }
        // Sorted, so the same question is the same request (and the same line in a proxy's log).
        String fields = EnumSet.copyOf(packages).stream().map(LookupPackage::field).collect(Collectors.joining(","));
        PhoneNumber answer;
        try {
            answer = PhoneNumber.fetcher(e164).setFields(fields).fetch(client);
        } catch (ApiException e) {
            // HTTP errors and unreadable bodies alike; Twilio's message may quote the number, so only code and status.
            throw new LookupException(LookupFailure.classify(e.getStatusCode(), e.getCode()), e.getStatusCode(), e.getCode(),
                    "Twilio answered with an error", e);
        } catch (RuntimeException e) {
            // ApiConnectionException (timeouts, refused connections) and anything unexpected from the SDK.
            throw new LookupException(LookupFailure.UNAVAILABLE, null, null, CauseChain.of(e), e);
        }
        Instant now = clock.instant();
        return new LookupAnswer(Boolean.TRUE.equals(answer.getValid()),
                part(packages, LookupPackage.LINE_TYPE, now, answer.getLineTypeIntelligence(),
                        PhoneNumber.LineTypeIntelligenceInfo::getErrorCode,
                        p -> p.getType() == null ? null : LineType.fromWireName(p.getType()).orElse(LineType.UNKNOWN)),
                part(packages, LookupPackage.SMS_PUMPING_RISK, now, answer.getSmsPumpingRisk(),
                        PhoneNumber.SmsPumpingRiskInfo::getErrorCode, PhoneNumber.SmsPumpingRiskInfo::getSmsPumpingRiskScore),
                part(packages, LookupPackage.SIM_SWAP, now, answer.getSimSwap(),
                        PhoneNumber.SimSwapInfo::getErrorCode, TwilioLookupGateway::simSwap));
    }

    /** Asked and answered, asked and failed (an error_code, or nothing usable), or not asked. */
    private static <P, T> PackageAnswer<T> part(Set<LookupPackage> asked, LookupPackage which, Instant now, P sdkPackage,
                                                Function<P, Integer> errorCode, Function<P, T> value) {
        if (!asked.contains(which)) {
            return PackageAnswer.notAsked();
        }
        if (sdkPackage == null) {
            return PackageAnswer.failed(null, now);
        }
        Integer code = errorCode.apply(sdkPackage);
        T answer = code == null ? value.apply(sdkPackage) : null;
        return answer == null ? PackageAnswer.failed(code, now) : PackageAnswer.answered(answer, now);
    }

    /** Null when the carrier told nothing: no date and no in-period flag. */
    private static SimSwap simSwap(PhoneNumber.SimSwapInfo info) {
        PhoneNumber.LastSimSwapInfo last = info.getLastSimSwap();
        if (last == null || (last.getLastSimSwapDate() == null && last.getSwappedInPeriod() == null)) {
            return null;
        }
        Instant date = last.getLastSimSwapDate() == null ? null : last.getLastSimSwapDate().toInstant();
        return new SimSwap(date, period(last.getSwappedPeriod()), last.getSwappedInPeriod());
    }

    private static Duration period(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Duration.parse(iso);
        } catch (DateTimeParseException e) {
            return null; // a period we cannot read is a period we cannot rely on
        }
    }
}
