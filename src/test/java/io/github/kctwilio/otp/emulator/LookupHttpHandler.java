package io.github.kctwilio.otp.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP front of the emulated Lookup v2 ({@code lookups.twilio.com} at Twilio; here the same port as Verify, since
 * the plugin replaces only scheme, host and port): record, apply a Lookup fault, authenticate, route, answer.
 */
final class LookupHttpHandler implements HttpHandler {

    /** Where the handler is mounted; the JDK server hands it every path below. */
    static final String CONTEXT = "/v2/PhoneNumbers/";
    private static final Pattern ROUTE = Pattern.compile("^/v2/PhoneNumbers/([^/]+)$");

    private final LookupApi api;
    private final LookupNumbers numbers;
    private final EmulatorClock clock;
    private final Consumer<RecordedRequest> log;
    private final TwilioExchange twilio;

    LookupHttpHandler(LookupApi api, LookupNumbers numbers, EmulatorClock clock, Consumer<RecordedRequest> log,
                      TwilioExchange twilio) {
        this.api = api;
        this.numbers = numbers;
        this.clock = clock;
        this.log = log;
        this.twilio = twilio;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            Map<String, List<String>> query = TwilioExchange.query(exchange);
            Matcher route = ROUTE.matcher(path);
            RequestKind kind = route.matches() && "GET".equals(method) ? RequestKind.LOOKUP : RequestKind.OTHER;
            log.accept(new RecordedRequest(method, path, query, Map.of(), kind, clock.now()));
            if (twilio.injectFault(numbers.faults(), exchange)) {
                return;
            }
            int status = 200;
            byte[] body;
            try {
                body = VerifyJson.bytes(answer(exchange, route, kind, query));
            } catch (TwilioError e) {
                status = e.httpStatus();
                body = VerifyJson.bytes(VerifyJson.error(e));
            }
            twilio.send(exchange, status, body, "application/json");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // emulator closing: drop the connection unanswered
        } catch (IOException e) {
            // the client went away: nothing left to answer
        }
    }

    private ObjectNode answer(HttpExchange exchange, Matcher route, RequestKind kind, Map<String, List<String>> query) {
        if (!twilio.authorized(exchange)) {
            throw twilio.unauthorized(exchange);
        }
        if (!route.matches()) {
            throw TwilioError.notFound(exchange.getRequestURI().getPath());
        }
        if (kind != RequestKind.LOOKUP) {
            throw TwilioError.of(405, 20004);
        }
        return api.lookup(route.group(1), query);
    }
}
