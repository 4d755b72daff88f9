package io.github.kctwilio.otp.emulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** What the emulator's Verify and Lookup front ends do alike: HTTP Basic, injected faults, Twilio-shaped answers. */
final class TwilioExchange {

    private final byte[] expectedCredentials;
    private final Random random;

    TwilioExchange(String accountSid, String authToken, Random random) {
        this.expectedCredentials = (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8);
        this.random = random;
    }

    /** The decoded query parameters; none when the query is malformed (no Twilio operation here depends on one). */
    static Map<String, List<String>> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        try {
            return raw == null ? Map.of() : Forms.parse(raw);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    /** HTTP Basic with AccountSid:AuthToken (the scheme name is case-insensitive per RFC 7617). */
    boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] credentials;
        try {
            credentials = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expectedCredentials, credentials);
    }

    /** Twilio's 401 / 20003 for a request without the right credentials. */
    TwilioError unauthorized(HttpExchange exchange) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Twilio API\"");
        return TwilioError.of(401, 20003);
    }

    /** @return true when the request has been dealt with (answered or deliberately left unanswered) */
    boolean injectFault(FaultQueue faults, HttpExchange exchange) throws IOException, InterruptedException {
        FaultQueue.Fault fault = faults.poll();
        if (fault == null) {
            return false;
        }
        // (no pattern-matching switch: the project targets Java 17)
        if (fault instanceof FaultQueue.Fail f) {
            TwilioError e = TwilioError.of(f.httpStatus(), f.twilioCode());
            send(exchange, f.httpStatus(), VerifyJson.bytes(VerifyJson.error(e)), "application/json");
            return true;
        }
        if (fault instanceof FaultQueue.RawBody r) {
            send(exchange, r.httpStatus(), r.body().getBytes(StandardCharsets.UTF_8), r.contentType());
            return true;
        }
        if (fault instanceof FaultQueue.Delay d) {
            Thread.sleep(d.delay().toMillis());
            return false;
        }
        faults.park((FaultQueue.Hang) fault); // Hang: closing the exchange without headers then drops the connection
        return true;
    }

    void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.getResponseHeaders().set("Twilio-Request-Id", Sids.random("RQ", random));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
