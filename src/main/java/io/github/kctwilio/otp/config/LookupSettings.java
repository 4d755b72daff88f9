package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.config.ServerSettings.isBlank;

import io.github.kctwilio.otp.limits.DurationText;
import io.github.kctwilio.otp.lookup.LineType;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The realm's rules for Twilio Lookup, read before a code goes to a number: which line types cannot receive codes,
 * the SMS pumping risk above which anonymous sends are refused, how recent a SIM swap blocks a reset or step-up code,
 * what happens when Lookup cannot answer, and how long an answer is kept. One switch, {@link Setting#LOOKUP_ENABLED}, turns
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

    /** The word of {@link Setting#LOOKUP_REFUSED_LINE_TYPES} that refuses no line type (blank means the defaults). */
    public static final String NO_LINE_TYPE = "none";
    /**
     * A SIM swap answer is reused for minutes only, whatever the cache lifetime: it must describe the SIM at the time
     * of the reset or step-up, yet one sign-in's resends should not each pay for a new one.
     */
    public static final Duration SIM_SWAP_REUSE = Duration.ofMinutes(10);

    private static final Duration MIN_CACHE_LIFETIME = Duration.ofMinutes(1);
    private static final Duration MAX_CACHE_LIFETIME = Duration.ofDays(90);
    private static final Duration MIN_SIM_SWAP_PERIOD = Duration.ofHours(1);
    private static final Duration MAX_SIM_SWAP_PERIOD = Duration.ofDays(30);
    private static final Pattern LIST_SEPARATOR = Pattern.compile("##|[,\\s]+");

    /** The settings of a realm that set none: Lookup off, the table's defaults (after the parsers' constants above). */
    public static final LookupSettings DEFAULTS = defaults();
    /** Line types that cannot receive an SMS, cost the sender, or are the usual targets of SMS pumping. */
    public static final Set<LineType> DEFAULT_REFUSED_LINE_TYPES = DEFAULTS.refusedLineTypes();

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
        return new LookupSettings(
                SettingValues.flag(Setting.LOOKUP_ENABLED, values),
                lineTypes(Setting.LOOKUP_REFUSED_LINE_TYPES.in(values)),
                threshold(Setting.LOOKUP_SMS_PUMPING_RISK_THRESHOLD.in(values)),
                period(Setting.LOOKUP_SIM_SWAP_PERIOD.in(values)),
                SettingValues.choice(Setting.LOOKUP_FAILURE, values, FailurePolicy.class),
                cacheLifetime(Setting.LOOKUP_CACHE_LIFETIME.in(values)));
    }

    /** True when a code must not go to a number of this line type; landlines only take a call. */
    public boolean refuses(LineType type, boolean voiceOffered) {
        return refusedLineTypes.contains(type) || (type == LineType.LANDLINE && !voiceOffered);
    }

    private static Set<LineType> lineTypes(String value) throws ConfigException {
        Set<LineType> types = EnumSet.noneOf(LineType.class);
        for (String name : LIST_SEPARATOR.split(value.trim())) {
            if (name.isBlank() || NO_LINE_TYPE.equalsIgnoreCase(name)) {
                continue; // "none" refuses no line type at all (a blank setting means the defaults)
            }
            types.add(LineType.fromWireName(name).orElseThrow(() -> new ConfigException(
                    Setting.LOOKUP_REFUSED_LINE_TYPES.key(), "may only list line types: " + Arrays.stream(LineType.values()).map(LineType::wireName)
                            .collect(Collectors.joining(", ")) + " (or " + NO_LINE_TYPE + ")")));
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
        throw new ConfigException(Setting.LOOKUP_SMS_PUMPING_RISK_THRESHOLD.key(),
                "must be a score from 0 to 100 (sends to numbers scoring above it are refused), or blank for no check");
    }

    private static Optional<Duration> period(String value) throws ConfigException {
        if (isBlank(value)) {
            return Optional.empty();
        }
        return Optional.of(DurationText.parse(value)
                .filter(d -> d.compareTo(MIN_SIM_SWAP_PERIOD) >= 0 && d.compareTo(MAX_SIM_SWAP_PERIOD) <= 0)
                .orElseThrow(() -> new ConfigException(Setting.LOOKUP_SIM_SWAP_PERIOD.key(),
                        "must be a period from 1 hour to 30 days such as 24h, 7d or PT48H, or blank for no check")));
    }

    private static Duration cacheLifetime(String value) throws ConfigException {
        return DurationText.parse(value)
                .filter(d -> d.compareTo(MIN_CACHE_LIFETIME) >= 0 && d.compareTo(MAX_CACHE_LIFETIME) <= 0)
                .orElseThrow(() -> new ConfigException(Setting.LOOKUP_CACHE_LIFETIME.key(),
                        "must be a time from 1 minute to 90 days such as 12h or 7d"));
    }

    private static LookupSettings defaults() {
        try {
            return resolve(null);
        } catch (ConfigException e) {
            throw new IllegalStateException("the table's defaults are valid", e);
        }
    }
}
