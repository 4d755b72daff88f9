package io.github.kctwilio.otp.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The four Verify operations at the API level: validates form parameters the way Twilio does (60200, 60221),
 * calls the {@link VerificationStore} and renders the answer. Knows nothing about HTTP plumbing.
 */
final class VerifyApi {

    /** An answer to send: HTTP status, JSON body, and the code delivered by this request (or null). */
    record Reply(int status, ObjectNode body, SentCode sent) {
    }

    /** Twilio's E.164 rule: a plus, no leading zero, at most 15 digits. */
    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{1,14}$");
    /** Deliberately loose: Twilio accepts any plausible mailbox; the plugin only needs the shape checked. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern CODE = Pattern.compile("^\\d{4,10}$");
    private static final Set<String> CHANNELS = Set.of("sms", "call", "whatsapp", "email", "sna", "auto");
    private static final Set<String> UPDATE_STATUSES = Set.of("canceled", "approved");
    private static final Set<String> RISK_CHECKS = Set.of("enable", "disable");
    /** The pattern of TemplateSid in Twilio's OpenAPI description. */
    private static final Pattern TEMPLATE_SID = Pattern.compile("^HJ[0-9a-fA-F]{32}$");

    private final VerificationStore store;
    private final FraudGuard fraudGuard;
    private final String accountSid;
    private final Supplier<String> baseUrl;

    VerifyApi(VerificationStore store, FraudGuard fraudGuard, String accountSid, Supplier<String> baseUrl) {
        this.store = store;
        this.fraudGuard = fraudGuard;
        this.accountSid = accountSid;
        this.baseUrl = baseUrl;
    }

    /** {@code POST …/Verifications}: 201 with the (new or re-sent) verification. */
    Reply create(String serviceSid, Map<String, List<String>> form) {
        String to = param(form, "To");
        String channel = param(form, "Channel");
        if (to == null || to.isBlank()) {
            throw TwilioError.invalidParameter("To");
        }
        if (channel == null || !CHANNELS.contains(channel)) {
            throw TwilioError.invalidParameter("Channel");
        }
        Pattern toRule = "email".equals(channel) ? EMAIL : E164;
        if (!toRule.matcher(to).matches()) {
            throw TwilioError.invalidParameter("To");
        }
        String riskCheck = param(form, "RiskCheck");
        if (riskCheck != null && !RISK_CHECKS.contains(riskCheck)) {
            throw TwilioError.invalidParameter("RiskCheck");
        }
        String templateSid = param(form, "TemplateSid");
        if (templateSid != null && !TEMPLATE_SID.matcher(templateSid).matches()) {
            throw TwilioError.invalidParameter("TemplateSid");
        }
        // 'auto' lets Twilio pick; without SNA coverage it falls back to sms, and the response names the
        // channel really used (the spec's channel enum has no 'auto').
        String used = "auto".equals(channel) ? "sms" : channel;
        fraudGuard.check(to, used, riskCheck);
        VerificationStore.Sent sent = store.send(serviceSid, to, used, param(form, "Locale"));
        return new Reply(201, VerifyJson.verification(sent.verification(), accountSid, baseUrl.get()),
                sent.sentCode());
    }

    /** {@code POST …/VerificationCheck}: 200 with status pending (wrong code) or approved. */
    Reply check(String serviceSid, Map<String, List<String>> form, String path) {
        String verificationSid = param(form, "VerificationSid");
        String to = param(form, "To");
        if (verificationSid == null && to == null) {
            throw new TwilioError(400, 60221, "Either a 'To' or 'VerificationSid' parameter must be specified");
        }
        String code = param(form, "Code");
        if (code == null || !CODE.matcher(code).matches()) {
            throw TwilioError.invalidParameter("Code");
        }
        Verification.Snapshot v = store.check(serviceSid, verificationSid, to, code, path);
        return new Reply(200, VerifyJson.check(v, accountSid), null);
    }

    /** {@code GET …/Verifications/{Sid}}. */
    Reply fetch(String serviceSid, String sid, String path) {
        return new Reply(200, VerifyJson.verification(store.fetch(serviceSid, sid, path), accountSid,
                baseUrl.get()), null);
    }

    /** {@code POST …/Verifications/{Sid}} with Status canceled or approved. */
    Reply update(String serviceSid, String sid, Map<String, List<String>> form, String path) {
        String status = param(form, "Status");
        if (status == null || !UPDATE_STATUSES.contains(status)) {
            throw TwilioError.invalidParameter("Status");
        }
        return new Reply(200, VerifyJson.verification(store.update(serviceSid, sid, status, path), accountSid,
                baseUrl.get()), null);
    }

    private static String param(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
