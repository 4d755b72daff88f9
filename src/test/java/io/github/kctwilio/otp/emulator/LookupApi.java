package io.github.kctwilio.otp.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code GET /v2/PhoneNumbers/{PhoneNumber}} of Lookup v2, shaped as Twilio's OpenAPI description
 * ({@code LookupResponse}): every property present, null where a package was not asked for. Emulated packages:
 * line_type_intelligence, sms_pumping_risk and sim_swap, each with its own {@code error_code} where a test says the
 * number's country or carrier is not covered. Other fields Twilio knows (caller_name, line_status, …) answer null.
 * Numbers are parsed and validated with libphonenumber, so country code, national format and validation errors
 * are those of real numbering plans.
 */
final class LookupApi {

    static final String LINE_TYPE = "line_type_intelligence";
    static final String SMS_PUMPING_RISK = "sms_pumping_risk";
    static final String SIM_SWAP = "sim_swap";
    /** The packages of LookupResponse, in the spec's order; each answers null unless asked for and emulated. */
    private static final List<String> PACKAGES = List.of("caller_name", SIM_SWAP, "call_forwarding", "line_status",
            LINE_TYPE, "identity_match", "reassigned_number", SMS_PUMPING_RISK, "phone_number_quality_score", "pre_fill");
    /** The test network's mobile country and network code (ITU E.212), so nobody mistakes them for a real carrier. */
    private static final String TEST_MCC = "001";
    private static final String TEST_MNC = "01";
    private static final String CARRIER = "Emulated Carrier";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final LookupNumbers numbers;
    private final Supplier<String> baseUrl;

    LookupApi(LookupNumbers numbers, Supplier<String> baseUrl) {
        this.numbers = numbers;
        this.baseUrl = baseUrl;
    }

    /** @param number the path parameter as given: E.164, or national format with {@code CountryCode} (default US) */
    ObjectNode lookup(String number, Map<String, List<String>> query) {
        Set<String> fields = Arrays.stream(Optional.ofNullable(first(query, "Fields")).orElse("").split(","))
                .map(String::trim)
                .filter(f -> !f.isEmpty())
                .collect(Collectors.toSet());
        ObjectNode n = VerifyJson.MAPPER.createObjectNode();
        Optional<PhoneNumber> parsed = parse(number, Optional.ofNullable(first(query, "CountryCode")).orElse("US"));
        String invalidBecause = parsed.isPresent() ? invalidity(parsed.get()) : "NOT_A_NUMBER";
        if (invalidBecause != null) {
            // Twilio's fetchInvalid example: the number as given, nothing known about it, no package answers.
            n.putNull("calling_country_code");
            n.putNull("country_code");
            n.put("phone_number", number);
            n.putNull("national_format");
            n.put("valid", false);
            n.putArray("validation_errors").add(invalidBecause);
            PACKAGES.forEach(n::putNull);
            n.put("url", url(number));
            return n;
        }
        PhoneNumber p = parsed.get();
        String e164 = UTIL.format(p, PhoneNumberFormat.E164);
        n.put("calling_country_code", String.valueOf(p.getCountryCode()));
        n.put("country_code", UTIL.getRegionCodeForNumber(p));
        n.put("phone_number", e164);
        n.put("national_format", UTIL.format(p, PhoneNumberFormat.NATIONAL));
        n.put("valid", true);
        n.putArray("validation_errors");
        for (String field : PACKAGES) {
            if (!fields.contains(field)) {
                n.putNull(field);
                continue;
            }
            Optional<Integer> error = numbers.packageError(e164, field);
            switch (field) {
                case LINE_TYPE -> lineType(n.putObject(field), p, e164, error);
                case SMS_PUMPING_RISK -> pumpingRisk(n.putObject(field), e164, error);
                case SIM_SWAP -> simSwap(n.putObject(field), e164, error);
                default -> n.putNull(field); // not emulated
            }
        }
        n.put("url", url(e164));
        return n;
    }

    private void lineType(ObjectNode pkg, PhoneNumber p, String e164, Optional<Integer> error) {
        boolean known = error.isEmpty();
        pkg.put("mobile_country_code", known ? TEST_MCC : null);
        pkg.put("mobile_network_code", known ? TEST_MNC : null);
        pkg.put("carrier_name", known ? CARRIER : null);
        pkg.put("type", known ? numbers.lineTypeOf(e164, derivedLineType(p)) : null);
        putErrorCode(pkg, error);
    }

    private void pumpingRisk(ObjectNode pkg, String e164, Optional<Integer> error) {
        if (error.isPresent()) {
            pkg.putNull("carrier_risk_category");
            pkg.putNull("number_blocked");
            pkg.putNull("number_blocked_date");
            pkg.putNull("number_blocked_last_3_months");
            pkg.putNull("sms_pumping_risk_score");
        } else {
            int score = numbers.pumpingRiskOf(e164);
            pkg.put("carrier_risk_category", riskCategory(score));
            pkg.put("number_blocked", false);
            pkg.putNull("number_blocked_date");
            pkg.put("number_blocked_last_3_months", false);
            pkg.put("sms_pumping_risk_score", score);
        }
        putErrorCode(pkg, error);
    }

    private void simSwap(ObjectNode pkg, String e164, Optional<Integer> error) {
        if (error.isPresent()) {
            pkg.putNull("last_sim_swap");
        } else {
            LookupNumbers.SimSwap swap = numbers.simSwapOf(e164);
            ObjectNode last = pkg.putObject("last_sim_swap");
            last.put("last_sim_swap_date", swap.lastSwap() == null ? null
                    : DateTimeFormatter.ISO_INSTANT.format(swap.lastSwap().truncatedTo(ChronoUnit.SECONDS)));
            last.put("swapped_period", swap.swappedPeriod().toString()); // ISO-8601, e.g. PT24H
            last.put("swapped_in_period", swap.swappedInPeriod());
        }
        boolean known = error.isEmpty();
        pkg.put("carrier_name", known ? CARRIER : null);
        pkg.put("mobile_country_code", known ? TEST_MCC : null);
        pkg.put("mobile_network_code", known ? TEST_MNC : null);
        putErrorCode(pkg, error);
    }

    private static void putErrorCode(ObjectNode pkg, Optional<Integer> error) {
        if (error.isPresent()) {
            pkg.put("error_code", error.get());
        } else {
            pkg.putNull("error_code");
        }
    }

    /** Twilio's example pairs score 61 with "moderate"; the other bounds are a guess, and nothing depends on them. */
    private static String riskCategory(int score) {
        return score < 40 ? "low" : score < 60 ? "mild" : score < 80 ? "moderate" : "high";
    }

    /** Line type by numbering plan; a range that may be either (all of the US) counts as mobile. */
    private static String derivedLineType(PhoneNumber p) {
        return switch (UTIL.getNumberType(p)) {
            case MOBILE, FIXED_LINE_OR_MOBILE -> "mobile";
            case FIXED_LINE -> "landline";
            case VOIP -> "nonFixedVoip";
            case TOLL_FREE -> "tollFree";
            case PREMIUM_RATE -> "premium";
            case SHARED_COST -> "sharedCost";
            case UAN -> "uan";
            case VOICEMAIL -> "voicemail";
            case PAGER -> "pager";
            case PERSONAL_NUMBER -> "personal";
            default -> "unknown";
        };
    }

    private static Optional<PhoneNumber> parse(String number, String region) {
        try {
            return Optional.of(UTIL.parse(number, region));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** One of the spec's ValidationError values, or null for a valid number. */
    private static String invalidity(PhoneNumber p) {
        if (UTIL.isValidNumber(p)) {
            return null;
        }
        return switch (UTIL.isPossibleNumberWithReason(p)) {
            case TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY -> "TOO_SHORT"; // local-only: the area code is missing
            case TOO_LONG -> "TOO_LONG";
            case INVALID_COUNTRY_CODE -> "INVALID_COUNTRY_CODE";
            case INVALID_LENGTH -> "INVALID_LENGTH";
            default -> "INVALID_BUT_POSSIBLE";
        };
    }

    private String url(String number) {
        return baseUrl.get() + "/v2/PhoneNumbers/" + number;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
