package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.config.ServerSettings.isBlank;

import io.github.kctwilio.otp.limits.DurationText;
import io.github.kctwilio.otp.lookup.LineType;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The realm's rules for Twilio Lookup, read before a code goes to a number: which line types cannot receive codes,
 * the SMS pumping risk above which anonymous sends are refused, how recent a SIM swap blocks a reset or step-up code,
 * what happens when Lookup cannot answer, and how long an answer is kept. One switch, {@value #LOOKUP_ENABLED}, turns
 * Lookup on with the line-type defaults; the pumping and SIM swap checks cost more and stay off until set.
 *
 * @param enabled              whether Lookup is asked at all
 * @param refusedLineTypes     line types that never receive codes; a landline not listed here may receive a code
 *                             only where the voice channel is offered (see {@link #refuses})
 * @param pumpingRiskThreshold SMS pumping risk score (0-100) above which signup and reset sends are refused; empty: off
 * @param simSwapPeriod        a SIM swap this recent blocks reset and step-up codes; empty: off
 * @param onFailure            what a send does when Lookup cannot answer (an outage, a package without coverage)
 * @param cacheLifetime        how long an answer about a number is reused (SIM swap answers see {@link #SIM_SWAP_REUSE})
 */
public record LookupSettings(boolean enabled, Set<LineType> refusedLineTypes, Optional<Integer> pumpingRiskThreshold,
                             Optional<Duration> simSwapPeriod, FailurePolicy onFailure, Duration cacheLifetime) {

    public static final String LOOKUP_ENABLED = "lookupEnabled";
    public static final String REFUSED_LINE_TYPES = "lookupRefusedLineTypes";
    public static final String SMS_PUMPING_RISK_THRESHOLD = "lookupSmsPumpingRiskThreshold";
    public static final String SIM_SWAP_PERIOD = "lookupSimSwapPeriod";
    public static final String LOOKUP_FAILURE = "lookupFailure";
    public static final String CACHE_LIFETIME = "lookupCacheLifetime";

    /** Line types that cannot receive an SMS, cost the sender, or are the usual targets of SMS pumping. */
    public static final Set<LineType> DEFAULT_REFUSED_LINE_TYPES = Set.copyOf(EnumSet.of(LineType.NON_FIXED_VOIP, LineType.PREMIUM,
            LineType.TOLL_FREE, LineType.SHARED_COST, LineType.UAN, LineType.VOICEMAIL, LineType.PAGER));
    public static final Duration DEFAULT_CACHE_LIFETIME = Duration.ofDays(7);
    /**
     * A SIM swap answer is reused for minutes only, whatever the cache lifetime: it must describe the SIM at the time
     * of the reset or step-up, yet one sign-in's resends should not each pay for a new one.
     */
    public static final Duration SIM_SWAP_REUSE = Duration.ofMinutes(10);
    public static final LookupSettings DEFAULTS = new LookupSettings(false, DEFAULT_REFUSED_LINE_TYPES, Optional.empty(),
            Optional.empty(), FailurePolicy.ALLOW, DEFAULT_CACHE_LIFETIME);

    private static final Duration MIN_CACHE_LIFETIME = Duration.ofMinutes(1);
    private static final Duration MAX_CACHE_LIFETIME = Duration.ofDays(90);
    private static final Duration MIN_SIM_SWAP_PERIOD = Duration.ofHours(1);
    private static final Duration MAX_SIM_SWAP_PERIOD = Duration.ofDays(30);
    private static final Pattern LIST_SEPARATOR = Pattern.compile("##|[,\\s]+");

    /** When Lookup cannot answer: */
    public enum FailurePolicy {
        /** the code is sent anyway, and the admin log says why (the default: Lookup is an extra, not a gate). */
        ALLOW,
        /** the code is not sent (fail closed). */
        REFUSE
    }

    public LookupSettings {
        refusedLineTypes = Set.copyOf(refusedLineTypes);
    }

    /**
     * @param values the realm rules (the required action's config); null when the admin never saved one
     * @throws ConfigException naming the first setting that is malformed
     */
    public static LookupSettings resolve(Map<String, String> values) throws ConfigException {
        Map<String, String> own = values == null ? Map.of() : values;
        return new LookupSettings(
                enabled(own.get(LOOKUP_ENABLED)),
                lineTypes(own.get(REFUSED_LINE_TYPES)),
                threshold(own.get(SMS_PUMPING_RISK_THRESHOLD)),
                period(own.get(SIM_SWAP_PERIOD)),
                failurePolicy(own.get(LOOKUP_FAILURE)),
                cacheLifetime(own.get(CACHE_LIFETIME)));
    }

    /** True when a code must not go to a number of this line type; landlines only take a call. */
    public boolean refuses(LineType type, boolean voiceOffered) {
        return refusedLineTypes.contains(type) || (type == LineType.LANDLINE && !voiceOffered);
    }

    // Read here until the glue registers these rules in the settings table (Setting), as the other realm rules are.
    private static boolean enabled(String value) throws ConfigException {
        String flag = isBlank(value) ? "false" : value.trim().toLowerCase(Locale.ROOT);
        if (!flag.equals("true") && !flag.equals("false")) {
            throw new ConfigException(LOOKUP_ENABLED, "must be true or false");
        }
        return flag.equals("true");
    }

    private static FailurePolicy failurePolicy(String value) throws ConfigException {
        if (isBlank(value)) {
            return FailurePolicy.ALLOW;
        }
        try {
            return FailurePolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(LOOKUP_FAILURE, "must be allow or refuse");
        }
    }

    private static Set<LineType> lineTypes(String value) throws ConfigException {
        if (isBlank(value)) {
            return DEFAULT_REFUSED_LINE_TYPES;
        }
        Set<LineType> types = EnumSet.noneOf(LineType.class);
        for (String name : LIST_SEPARATOR.split(value.trim())) {
            if (name.isBlank() || "none".equalsIgnoreCase(name)) {
                continue; // "none" refuses no line type at all (a blank setting means the defaults)
            }
            types.add(LineType.fromWireName(name).orElseThrow(() -> new ConfigException(REFUSED_LINE_TYPES,
                    "may only list line types: " + Arrays.stream(LineType.values()).map(LineType::wireName)
                            .collect(Collectors.joining(", ")) + " (or none)")));
        }
        return types;
    }

    private static Optional<Integer> threshold(String value) throws ConfigException {
        if (isBlank(value)) {
            return Optional.empty();
        }
        try {
            int score = Integer.parseInt(value.trim());
            if (score >= 0 && score <= 100) {
                return Optional.of(score);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(SMS_PUMPING_RISK_THRESHOLD, "must be a score from 0 to 100 (sends to numbers scoring above it are "
                + "refused), or blank for no check");
    }

    private static Optional<Duration> period(String value) throws ConfigException {
        if (isBlank(value)) {
            return Optional.empty();
        }
        return Optional.of(DurationText.parse(value)
                .filter(d -> d.compareTo(MIN_SIM_SWAP_PERIOD) >= 0 && d.compareTo(MAX_SIM_SWAP_PERIOD) <= 0)
                .orElseThrow(() -> new ConfigException(SIM_SWAP_PERIOD,
                        "must be a period from 1 hour to 30 days such as 24h, 7d or PT48H, or blank for no check")));
    }

    private static Duration cacheLifetime(String value) throws ConfigException {
        if (isBlank(value)) {
            return DEFAULT_CACHE_LIFETIME;
        }
        return DurationText.parse(value)
                .filter(d -> d.compareTo(MIN_CACHE_LIFETIME) >= 0 && d.compareTo(MAX_CACHE_LIFETIME) <= 0)
                .orElseThrow(() -> new ConfigException(CACHE_LIFETIME, "must be a time from 1 minute to 90 days such as 12h or 7d"));
    }
}
