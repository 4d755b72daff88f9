package io.github.kctwilio.otp.metrics;

import io.github.kctwilio.otp.lookup.LookupGateway;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.VerifyGateway;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The plugin's meters, for an admin who wants to see what Twilio will bill and whether it is healthy.
 * With {@code --metrics-enabled=true} Keycloak (Quarkus) publishes Micrometer's global registry on the management
 * port's {@code /metrics}; without it the global registry has no backend and every meter here costs next to nothing.
 *
 * <p>Prometheus names: {@code twilio_otp_sends_total{channel,outcome}}, {@code twilio_otp_checks_total{channel,outcome}},
 * {@code twilio_otp_lookups_total{packages,outcome}}, {@code twilio_otp_limit_hits_total{limit}},
 * {@code twilio_otp_limiter_cache_operations_total} and {@code twilio_otp_twilio_request_seconds{operation}}.
 * Tags never carry a phone number, a code, a user or a realm: their values come from small fixed sets.
 */
public final class TwilioOtpMetrics {

    public static final String SENDS = "twilio.otp.sends";
    public static final String CHECKS = "twilio.otp.checks";
    public static final String LOOKUPS = "twilio.otp.lookups";
    public static final String LIMIT_HITS = "twilio.otp.limit.hits";
    public static final String REQUEST_TIME = "twilio.otp.twilio.request";
    public static final String LIMITER_CACHE_OPERATIONS = "twilio.otp.limiter.cache.operations";

    /** Send outcome when Twilio accepted the send (one message or call, billed by Twilio). */
    public static final String SENT = "sent";
    /** Lookup outcome when Twilio answered (each answer is billed, per package asked for). */
    public static final String ANSWERED = "answered";
    /** Check outcome when Twilio approved the code (a billed, successful verification). */
    public static final String APPROVED = "approved";
    /** Check outcome for a code Twilio did not accept (HTTP 200, status pending). */
    public static final String WRONG_CODE = "wrong_code";
    /** Channel tag of a check whose send this node did not see (another node, or a restart since). */
    public static final String UNKNOWN_CHANNEL = "unknown";
    /** Limit tag when the name given to {@link #limitHit} is not a short lower-case identifier. */
    public static final String INVALID_LIMIT = "invalid";

    private static final Pattern LIMIT_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,39}");

    private final MeterRegistry registry;
    private final RecentChannels channels;
    /**
     * Meter handles by name and tags, looked up in the registry once: registering again on every call costs a
     * builder, its tags and the registry's lookup on every send and check. Tag values come from small fixed sets.
     */
    private final Map<String, Counter> meters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public TwilioOtpMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.channels = new RecentChannels(clock);
    }

    /** The meters Keycloak publishes: Micrometer's global registry, the one Quarkus binds to {@code /metrics}. */
    public static TwilioOtpMetrics onKeycloakRegistry() {
        return new TwilioOtpMetrics(Metrics.globalRegistry, Clock.systemUTC());
    }

    /**
     * Counts one hit of one of the plugin's own send caps, on Keycloak's registry. Stateless, callable from anywhere.
     *
     * @param limit a fixed, lower-case name of the cap, as in the {@code twilio_limit} event detail: {@code "number"},
     *              {@code "user"}, {@code "ip"}, {@code "realm"}, {@code "login"}; never a phone number, user or address
     */
    public static void limitHit(String limit) {
        limitHitCounter(Metrics.globalRegistry, limit).increment();
    }

    /**
     * The counter of operations the send limiter makes on Keycloak's cluster-wide single-use-object store (claims and
     * give-backs of slots; in a cluster, each may be a call to another node). Divided by the logins of a benchmark, it
     * is the limiter's cost per login. Registered once; keep the handle.
     */
    public static Counter limiterCacheOperations() {
        return Counter.builder(LIMITER_CACHE_OPERATIONS)
                .description("Operations of the send limiter on Keycloak's cluster-wide single-use-object store")
                .register(Metrics.globalRegistry);
    }

    /** The gateway, counting every send and check it makes. */
    public VerifyGateway instrument(VerifyGateway gateway) {
        return new MeteredVerifyGateway(gateway, this);
    }

    /** The Lookup gateway, counting every request it makes. */
    public LookupGateway instrument(LookupGateway gateway) {
        return new MeteredLookupGateway(gateway, this);
    }

    /** As {@link #limitHit(String)}, on this instance's registry. */
    public void recordLimitHit(String limit) {
        limitHitCounter(registry, limit).increment();
    }

    void sendFinished(Channel channel, String outcome) {
        meters.computeIfAbsent(SENDS + '|' + channel.wireName() + '|' + outcome, k -> Counter.builder(SENDS)
                .description("Verification sends asked of Twilio Verify (each accepted one is a billed message or call)")
                .tag("channel", channel.wireName())
                .tag("outcome", outcome)
                .register(registry)).increment();
    }

    /** @param packages the packages asked for, as Lookup's Fields in their fixed order ("line_type_intelligence,sim_swap") */
    void lookupFinished(String packages, String outcome) {
        meters.computeIfAbsent(LOOKUPS + '|' + packages + '|' + outcome, k -> Counter.builder(LOOKUPS)
                .description("Requests to Twilio Lookup (each answered one is billed per package asked for)")
                .tag("packages", packages)
                .tag("outcome", outcome)
                .register(registry)).increment();
    }

    void checkFinished(String verificationSid, String outcome) {
        String channel = channels.channelOf(verificationSid).map(Channel::wireName).orElse(UNKNOWN_CHANNEL);
        meters.computeIfAbsent(CHECKS + '|' + channel + '|' + outcome, k -> Counter.builder(CHECKS)
                .description("Code checks asked of Twilio Verify (each approved one is a billed verification)")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry)).increment();
    }

    void requestTook(String operation, Duration duration) {
        timers.computeIfAbsent(operation, k -> Timer.builder(REQUEST_TIME)
                .description("Time Twilio took to answer, or to fail (Verify; operation lookup: Lookup)")
                .tag("operation", operation)
                .register(registry)).record(duration);
    }

    RecentChannels channels() {
        return channels;
    }

    /** The outcome tag of a failed call: the failure kind in lower case, such as {@code unavailable}. */
    static String outcomeOf(Enum<?> failure) {
        return failure.name().toLowerCase(Locale.ROOT);
    }

    private static Counter limitHitCounter(MeterRegistry registry, String limit) {
        String name = limit != null && LIMIT_NAME.matcher(limit).matches() ? limit : INVALID_LIMIT;
        return Counter.builder(LIMIT_HITS)
                .description("Requests the plugin refused because one of its own limits was reached")
                .tag("limit", name)
                .register(registry);
    }
}
