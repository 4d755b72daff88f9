package io.github.kctwilio.otp.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as the {@link VerifyEmulator} received it, before any fault injection or validation, so tests
 * can assert what the client really sent (parameter names, retries).
 *
 * @param method HTTP method, upper case
 * @param path   decoded request path without query string
 * @param query  decoded query parameters in arrival order (Lookup's {@code Fields}); empty when there is none
 * @param form   decoded {@code application/x-www-form-urlencoded} body parameters in arrival order; empty for
 *               other bodies and for GET
 * @param kind   which Verify or Lookup operation the method and path address
 * @param at     arrival time on the emulator's clock (which {@link VerifyEmulator#advanceClock} moves)
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> query,
                              Map<String, List<String>> form, RequestKind kind, Instant at) {

    public RecordedRequest {
        query = ordered(query);
        form = ordered(form);
    }

    /** The first value of a form parameter, or null: the Verify API never repeats its parameters. */
    public String param(String name) {
        return first(form, name);
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        return first(query, name);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Keeps arrival order (Map.copyOf would not), and makes the record safe to hand out. */
    private static Map<String, List<String>> ordered(Map<String, List<String>> params) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
