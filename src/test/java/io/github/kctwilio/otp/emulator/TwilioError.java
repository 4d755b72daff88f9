package io.github.kctwilio.otp.emulator;

import java.util.Map;

/**
 * A Twilio API error: HTTP status plus Twilio error code, thrown by the emulator's logic and rendered by
 * {@link VerifyJson#error} as Twilio's error body. Messages follow Twilio's wording where it is known.
 */
final class TwilioError extends RuntimeException {

    /** Standard messages, used for injected faults too so they look like the real thing. */
    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(20003, "Authenticate"),
            Map.entry(20004, "Method not allowed"),
            Map.entry(20404, "The requested resource was not found"),
            Map.entry(20429, "Too many requests"),
            Map.entry(20500, "An internal server error has occurred"),
            Map.entry(20503, "Service unavailable"),
            Map.entry(60200, "Invalid parameter"),
            Map.entry(60202, "Max check attempts reached"),
            Map.entry(60203, "Max send attempts reached"),
            Map.entry(60205, "SMS is not supported by landline phone number"),
            Map.entry(60212, "Too many concurrent requests for phone number"),
            Map.entry(60221, "Either a 'To' or 'VerificationSid' parameter must be specified"),
            Map.entry(60223, "Delivery channel disabled"),
            Map.entry(60410, "Verification delivery attempt blocked"),
            Map.entry(60605, "Verification delivery to this country is disabled"));

    private final int httpStatus;
    private final int code;

    TwilioError(int httpStatus, int code, String message) {
        super(message, null, false, false); // control flow, not a bug: no stack trace needed
        this.httpStatus = httpStatus;
        this.code = code;
    }

    static TwilioError of(int httpStatus, int code) {
        return new TwilioError(httpStatus, code, MESSAGES.getOrDefault(code, "Error " + code));
    }

    static TwilioError notFound(String path) {
        return new TwilioError(404, 20404, "The requested resource " + path + " was not found");
    }

    static TwilioError invalidParameter(String name) {
        return new TwilioError(400, 60200, "Invalid parameter: " + name);
    }

    int httpStatus() {
        return httpStatus;
    }

    int code() {
        return code;
    }
}
