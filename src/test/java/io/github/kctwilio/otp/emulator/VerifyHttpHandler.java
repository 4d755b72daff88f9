package io.github.kctwilio.otp.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    private final TwilioExchange twilio;

    VerifyHttpHandler(VerifyApi api, FaultQueue faults, EmulatorClock clock, Consumer<RecordedRequest> log,
                      Consumer<SentCode> sendListener, TwilioExchange twilio) {
        this.api = api;
        this.faults = faults;
        this.clock = clock;
        this.log = log;
        this.sendListener = sendListener;
        this.twilio = twilio;
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
            log.accept(new RecordedRequest(method, path, TwilioExchange.query(exchange), form, kind, clock.now()));

            if (path.startsWith("/v2/") && twilio.injectFault(faults, exchange)) {
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
            twilio.send(exchange, reply.status(), VerifyJson.bytes(reply.body()), "application/json");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // emulator closing: drop the connection unanswered
        } catch (IOException e) {
            // the client went away (e.g. its timeout fired during a delay): nothing left to answer
        }
    }

    private VerifyApi.Reply dispatch(HttpExchange exchange, String method, String path, Matcher route,
                                     RequestKind kind, Map<String, List<String>> form, boolean malformedForm) {
        if (!twilio.authorized(exchange)) {
            throw twilio.unauthorized(exchange);
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
            case OTHER, LOOKUP -> throw new IllegalStateException("handled above"); // Lookup has its own handler
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
}
