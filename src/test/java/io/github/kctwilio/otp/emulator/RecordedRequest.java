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
 * @param form   decoded {@code application/x-www-form-urlencoded} body parameters in arrival order; empty for
 *               other bodies and for GET
 * @param kind   which Verify operation the method and path address
 * @param at     arrival time on the emulator's clock (which {@link VerifyEmulator#advanceClock} moves)
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> form, RequestKind kind,
                              Instant at) {

    public RecordedRequest {
        // keep arrival order (Map.copyOf would not), and make the record safe to hand out
        Map<String, List<String>> copy = new LinkedHashMap<>();
        form.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        form = Collections.unmodifiableMap(copy);
    }

    /** The first value of a form parameter, or null: the Verify API never repeats its parameters. */
    public String param(String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
