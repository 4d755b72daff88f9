package io.github.kctwilio.otp.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Test-side raw HTTP client for the emulator, writing requests the way twilio-java does (form body with
 * {@code application/x-www-form-urlencoded; charset=UTF-8}, Basic auth), without the SDK in between so the
 * tests see status codes and bodies exactly as sent.
 */
final class VerifyHttp {

    /** A request about to be sent; the contract test validates each one against the spec. */
    record Call(String method, String path, Map<String, String> form, String authorization) {

        String formBody() {
            return form.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SERVICE_PATH = "/v2/Services/" + VerifyEmulator.SERVICE_SID;
    static final String VERIFICATIONS = SERVICE_PATH + "/Verifications";
    static final String CHECK = SERVICE_PATH + "/VerificationCheck";
    static final String LOOKUP_PATH = "/v2/PhoneNumbers/";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final String authorization;
    private final Consumer<Call> beforeSend;

    VerifyHttp(VerifyEmulator emulator) {
        this(emulator, basic(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN), c -> { });
    }

    VerifyHttp(VerifyEmulator emulator, String authorization, Consumer<Call> beforeSend) {
        this.baseUrl = emulator.baseUrl();
        this.authorization = authorization;
        this.beforeSend = beforeSend;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Ordered form from alternating name/value pairs. */
    static Map<String, String> form(String... nameValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            form.put(nameValues[i], nameValues[i + 1]);
        }
        return form;
    }

    HttpResponse<String> create(String to, String channel) {
        return post(VERIFICATIONS, form("To", to, "Channel", channel));
    }

    HttpResponse<String> checkBySid(String verificationSid, String code) {
        return post(CHECK, form("VerificationSid", verificationSid, "Code", code));
    }

    HttpResponse<String> fetch(String verificationSid) {
        return get(VERIFICATIONS + "/" + verificationSid);
    }

    HttpResponse<String> update(String verificationSid, String status) {
        return post(VERIFICATIONS + "/" + verificationSid, form("Status", status));
    }

    /** A Lookup v2 request as twilio-java writes it: the number unencoded in the path, Fields in the query. */
    HttpResponse<String> lookup(String number, String fields) {
        return get(LOOKUP_PATH + number + (fields == null ? "" : "?Fields=" + fields));
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        return send(new Call("POST", path, form, authorization), Duration.ofSeconds(10));
    }

    HttpResponse<String> get(String path) {
        return send(new Call("GET", path, Map.of(), authorization), Duration.ofSeconds(10));
    }

    HttpResponse<String> send(Call call, Duration timeout) {
        try {
            return client.send(request(call, timeout), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(Call call, Duration timeout) {
        return client.sendAsync(request(call, timeout), HttpResponse.BodyHandlers.ofString());
    }

    Call postCall(String path, Map<String, String> form) {
        return new Call("POST", path, form, authorization);
    }

    private HttpRequest request(Call call, Duration timeout) {
        beforeSend.accept(call);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + call.path())).timeout(timeout);
        if (call.authorization() != null) {
            b.header("Authorization", call.authorization());
        }
        if ("GET".equals(call.method())) {
            b.GET();
        } else {
            b.header("Content-Type", FORM)
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.formBody()));
        }
        return b.build();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
