package io.github.kctwilio.otp.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP plumbing of the emulator, in the order Twilio's front end appears to work: record the request, apply
 * an injected fault, authenticate, route, validate the service SID, then run the operation. Every failure is
 * answered with Twilio's JSON error body.
 */
final class VerifyHttpHandler implements HttpHandler {

    /** /v2/Services/{ServiceSid}/Verifications[/{Sid}] and /v2/Services/{ServiceSid}/VerificationCheck. */
    private static final Pattern ROUTE =
            Pattern.compile("^/v2/Services/([^/]+)/(Verifications|VerificationCheck)(?:/([^/]+))?$");

    private final VerifyApi api;
    private final FaultQueue faults;
    private final EmulatorClock clock;
    private final Consumer<RecordedRequest> log;
    private final Consumer<SentCode> sendListener;
    private final byte[] expectedCredentials;
    private final SecureRandom random = new SecureRandom();

    VerifyHttpHandler(VerifyApi api, FaultQueue faults, EmulatorClock clock, Consumer<RecordedRequest> log,
                      Consumer<SentCode> sendListener, String accountSid, String authToken) {
        this.api = api;
        this.faults = faults;
        this.clock = clock;
        this.log = log;
        this.sendListener = sendListener;
        this.expectedCredentials = (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher route = ROUTE.matcher(path);
            RequestKind kind = kind(method, route);
            Map<String, List<String>> form;
            boolean malformedForm = false;
            try {
                form = Forms.isForm(exchange.getRequestHeaders().getFirst("Content-Type"))
                        ? Forms.parse(body) : Map.of();
            } catch (IllegalArgumentException e) {
                form = Map.of();
                malformedForm = true;
            }
            log.accept(new RecordedRequest(method, path, form, kind, clock.now()));

            if (path.startsWith("/v2/") && injectFault(exchange)) {
                return; // an injected fault answers instead of the API and changes no state
            }
            VerifyApi.Reply reply;
            try {
                reply = dispatch(exchange, method, path, route, kind, form, malformedForm);
            } catch (TwilioError e) {
                reply = new VerifyApi.Reply(e.httpStatus(), VerifyJson.error(e), null);
            } catch (RuntimeException e) {
                // an emulator bug: answer like Twilio's 500 and say so loudly, rather than drop the connection
                e.printStackTrace();
                TwilioError error = TwilioError.of(500, 20500);
                reply = new VerifyApi.Reply(500, VerifyJson.error(error), null);
            }
            if (reply.sent() != null) {
                sendListener.accept(reply.sent());
            }
            send(exchange, reply.status(), VerifyJson.bytes(reply.body()), "application/json");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // emulator closing: drop the connection unanswered
        } catch (IOException e) {
            // the client went away (e.g. its timeout fired during a delay): nothing left to answer
        }
    }

    /** @return true when the request has been dealt with (answered or deliberately left unanswered) */
    private boolean injectFault(HttpExchange exchange) throws IOException, InterruptedException {
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

    private VerifyApi.Reply dispatch(HttpExchange exchange, String method, String path, Matcher route,
                                     RequestKind kind, Map<String, List<String>> form, boolean malformedForm) {
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Twilio API\"");
            throw TwilioError.of(401, 20003);
        }
        if (!route.matches() || ("VerificationCheck".equals(route.group(2)) && route.group(3) != null)) {
            throw TwilioError.notFound(path);
        }
        if (kind == RequestKind.OTHER) {
            throw TwilioError.of(405, 20004); // known resource, wrong method
        }
        String serviceSid = route.group(1);
        if (!Sids.isSid("VA", serviceSid)) {
            throw TwilioError.notFound(path);
        }
        if (malformedForm) {
            throw new TwilioError(400, 60200, "Invalid parameter: malformed form body");
        }
        return switch (kind) {
            case CREATE_VERIFICATION -> api.create(serviceSid, form);
            case CHECK -> api.check(serviceSid, form, path);
            case FETCH -> api.fetch(serviceSid, route.group(3), path);
            case UPDATE -> api.update(serviceSid, route.group(3), form, path);
            case OTHER -> throw new IllegalStateException("handled above");
        };
    }

    static RequestKind kind(String method, Matcher route) {
        if (!route.matches()) {
            return RequestKind.OTHER;
        }
        boolean check = "VerificationCheck".equals(route.group(2));
        boolean item = route.group(3) != null;
        if (check) {
            return !item && "POST".equals(method) ? RequestKind.CHECK : RequestKind.OTHER;
        }
        if (!item) {
            return "POST".equals(method) ? RequestKind.CREATE_VERIFICATION : RequestKind.OTHER;
        }
        return switch (method) {
            case "GET" -> RequestKind.FETCH;
            case "POST" -> RequestKind.UPDATE;
            default -> RequestKind.OTHER;
        };
    }

    /** HTTP Basic with AccountSid:AuthToken (the scheme name is case-insensitive per RFC 7617). */
    private boolean authorized(String header) {
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

    private void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
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
