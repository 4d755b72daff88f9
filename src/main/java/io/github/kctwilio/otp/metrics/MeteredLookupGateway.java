package io.github.kctwilio.otp.metrics;

import io.github.kctwilio.otp.lookup.LookupAnswer;
import io.github.kctwilio.otp.lookup.LookupException;
import io.github.kctwilio.otp.lookup.LookupGateway;
import io.github.kctwilio.otp.lookup.LookupPackage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link LookupGateway} that counts its requests by the packages asked for (what Twilio bills) and the outcome, and
 * passes every answer and exception through unchanged.
 */
final class MeteredLookupGateway implements LookupGateway {

    private final LookupGateway delegate;
    private final TwilioOtpMetrics metrics;

    MeteredLookupGateway(LookupGateway delegate, TwilioOtpMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public LookupAnswer lookup(String e164, Set<LookupPackage> packages) throws LookupException {
        // The enum's order, as the request's Fields: one tag value per set of packages, whatever order they came in.
        String asked = EnumSet.copyOf(packages).stream().map(LookupPackage::field).collect(Collectors.joining(","));
        long started = System.nanoTime();
        try {
            LookupAnswer answer = delegate.lookup(e164, packages);
            metrics.lookupFinished(asked, TwilioOtpMetrics.ANSWERED);
            return answer;
        } catch (LookupException e) {
            metrics.lookupFinished(asked, TwilioOtpMetrics.outcomeOf(e.failure()));
            throw e;
        } finally {
            metrics.requestTook("lookup", Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
