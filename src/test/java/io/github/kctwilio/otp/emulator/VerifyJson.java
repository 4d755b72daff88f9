package io.github.kctwilio.otp.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Renders resources and errors exactly as Twilio's spec shapes them. Built with the tree model rather than
 * records so every property, including the ones that are always null (amount, payee, sna), is written with
 * the JSON type the spec declares.
 */
final class VerifyJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private VerifyJson() {
    }

    /** {@code verify.v2.service.verification}: answer of create, fetch and update. */
    static ObjectNode verification(Verification.Snapshot v, String accountSid, String baseUrl) {
        ObjectNode n = common(v, accountSid);
        n.putObject("lookup"); // Twilio's examples show {} when there is no carrier information
        n.putNull("amount");
        n.putNull("payee");
        ArrayNode attempts = n.putArray("send_code_attempts");
        for (Verification.SendAttempt a : v.sendAttempts()) {
            attempts.addObject()
                    .put("attempt_sid", a.attemptSid())
                    .put("channel", a.channel())
                    .put("time", date(a.time()));
        }
        n.put("date_created", date(v.created()));
        n.put("date_updated", date(v.updated()));
        n.putNull("sna");
        n.put("url", baseUrl + "/v2/Services/" + v.serviceSid() + "/Verifications/" + v.sid());
        return n;
    }

    /** {@code verify.v2.service.verification_check}: a smaller shape (no lookup, url, sna or attempts). */
    static ObjectNode check(Verification.Snapshot v, String accountSid) {
        ObjectNode n = common(v, accountSid);
        n.putNull("amount");
        n.putNull("payee");
        n.putArray("sna_attempts_error_codes"); // the spec's examples show [] for every channel
        n.put("date_created", date(v.created()));
        n.put("date_updated", date(v.updated()));
        return n;
    }

    /** Twilio's error body; twilio-java reads code, message, more_info and status from it. */
    static ObjectNode error(TwilioError e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", e.code());
        n.put("message", e.getMessage());
        n.put("more_info", "https://www.twilio.com/docs/errors/" + e.code());
        n.put("status", e.httpStatus());
        return n;
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for a tree of plain values", e);
        }
    }

    private static ObjectNode common(Verification.Snapshot v, String accountSid) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("sid", v.sid());
        n.put("service_sid", v.serviceSid());
        n.put("account_sid", accountSid);
        n.put("to", v.to());
        n.put("channel", v.channel());
        n.put("status", v.status());
        n.put("valid", "approved".equals(v.status()));
        return n;
    }

    /** ISO-8601 in UTC with whole seconds, like Twilio's "2015-07-30T20:00:00Z". */
    private static String date(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
