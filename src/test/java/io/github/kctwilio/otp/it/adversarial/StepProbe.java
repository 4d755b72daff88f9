package io.github.kctwilio.otp.it.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.emulator.RecordedRequest;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Sends one adversarial request, classifies what came back, records it in the tally, and checks what must hold
 * for every input: no 5xx, no unescaped echo of the input, no evaluated template expression, no injected script.
 */
public final class StepProbe {

    /** Keycloak's own text on its "page has expired" screen (messages_en: pageExpiredTitle). */
    public static final String PAGE_EXPIRED_TEXT = "Page has expired";
    /** What {@code ${7777*7}} would render to if a payload were ever evaluated as a template. */
    public static final String EVALUATED_MARKER = "54439";

    /** One request and what it led to. */
    public record Result(Outcome outcome, Page page, List<RecordedRequest> twilioCalls) {

        public boolean calledTwilio() {
            return !twilioCalls.isEmpty();
        }

        public long calls(RequestKind kind) {
            return twilioCalls.stream().filter(r -> r.kind() == kind).count();
        }
    }

    /** How to send the request: the browser's form post, a raw body, or a GET. */
    @FunctionalInterface
    public interface Request {
        Page send() throws Exception;
    }

    private final VerifyEmulator twilio;
    private final OutcomeTally tally;
    private final Path serverLog;

    public StepProbe(VerifyEmulator twilio, OutcomeTally tally, Path serverLog) {
        this.twilio = twilio;
        this.tally = tally;
        this.serverLog = serverLog;
    }

    /** Posts form fields (a List value repeats the field) to an action URL. */
    public Result post(String group, String label, LoginBrowser browser, String url, Map<String, ?> fields, String formId)
            throws Exception {
        List<String> values = new ArrayList<>();
        fields.forEach((name, value) -> {
            values.add(name);
            if (value instanceof List<?> list) {
                list.forEach(v -> values.add(String.valueOf(v)));
            } else {
                values.add(String.valueOf(value));
            }
        });
        return send(group, label, values, formId, () -> browser.post(url, fields));
    }

    /** Sends any request; {@code inputs} are the attacker-controlled strings that must not come back unescaped. */
    public Result send(String group, String label, Collection<String> inputs, String formId, Request request) throws Exception {
        int before = twilio.requests().size();
        long logBefore = Files.size(serverLog);
        Page page = request.send();
        List<RecordedRequest> all = twilio.requests();
        List<RecordedRequest> calls = all.size() >= before ? List.copyOf(all.subList(before, all.size())) : all;
        Outcome outcome = classify(page, calls, formId);
        if (outcome == Outcome.SERVER_ERROR && formParserFailed(logBefore)) {
            outcome = Outcome.KEYCLOAK_FORM_PARSER_500;
        }
        tally.record(group, outcome, abbreviate(label), page.status(), detail(page));

        String what = group + " / " + label + " -> " + page;
        if (outcome != Outcome.KEYCLOAK_FORM_PARSER_500) {
            assertThat(page.status()).as("no 5xx for %s:%n%s", what, page.body()).isLessThan(500);
        }
        assertNoEcho(page, inputs, what);
        return new Result(outcome, page, calls);
    }

    /**
     * True when the server log shows, since {@code offset}, RESTEasy's form parser failing on the request body
     * (bad percent-encoding, more than 1000 fields) and no frame of ours: that happens before Keycloak's resource
     * method, so before any authenticator runs, for every form Keycloak serves.
     */
    private boolean formParserFailed(long offset) throws IOException, InterruptedException {
        Thread.sleep(200); // the log line is written as the response goes out
        byte[] log = Files.readAllBytes(serverLog);
        String since = new String(log, (int) Math.min(offset, log.length), (int) Math.max(0, log.length - offset), StandardCharsets.UTF_8);
        return since.contains("Uncaught server error")
                && since.contains("org.jboss.resteasy.reactive.server.handlers.FormBodyHandler.handle")
                && !since.contains("io.github.kctwilio");
    }

    /** What the user was told, briefly: the redirect's error, or the page's title and message. */
    static String detail(Page page) {
        if (page.redirectedTo() != null) {
            String query = page.redirectedTo().contains("?") ? page.redirectedTo().substring(page.redirectedTo().indexOf('?') + 1) : "";
            return "redirect: " + query.replaceAll("&?(state|session_state|iss|code)=[^&]*", "");
        }
        Document document = page.document();
        String message = (document.select("#kc-page-title").text() + " / " + document.select(
                "#input-error-code, #input-error-phoneNumber, .pf-v5-c-alert__title, .kc-feedback-text, #kc-error-message").text()).trim();
        if (message.equals("/")) {
            message = document.text();
        }
        return abbreviate(message.length() > 110 ? message.substring(0, 110) : message);
    }

    static Outcome classify(Page page, List<RecordedRequest> calls, String formId) {
        if (page.status() >= 500) {
            return Outcome.SERVER_ERROR;
        }
        if (page.loggedIn()) {
            return Outcome.LOGGED_IN;
        }
        if (calls.stream().anyMatch(r -> r.kind() == RequestKind.CREATE_VERIFICATION)) {
            return page.text().contains("new code is on its way") ? Outcome.RESENT_BY_TWILIO : Outcome.SENT_TO_TWILIO;
        }
        if (calls.stream().anyMatch(r -> r.kind() == RequestKind.CHECK)) {
            return Outcome.CHECKED_AT_TWILIO;
        }
        if (page.redirectedTo() != null) {
            return Outcome.REDIRECTED_WITH_ERROR;
        }
        String text = page.text();
        if (text.contains(PAGE_EXPIRED_TEXT)) {
            return Outcome.PAGE_EXPIRED;
        }
        if (formId != null && page.hasForm(formId)) {
            if (text.contains("Too many codes were requested") || text.contains("too many codes in this sign-in")) {
                return Outcome.REFUSED_BY_SEND_CAP;
            }
            boolean error = !page.fieldError("code").isEmpty() || !page.fieldError("phoneNumber").isEmpty();
            return error ? Outcome.REJECTED_ON_FORM : Outcome.FORM_AGAIN;
        }
        if (page.hasForm("kc-form-login")) {
            return Outcome.LOGIN_FORM;
        }
        return page.status() >= 400 && !looksLikeKeycloakPage(page) ? Outcome.HTTP_4XX : Outcome.KEYCLOAK_MESSAGE;
    }

    private static boolean looksLikeKeycloakPage(Page page) {
        return page.body().contains("kc-page-title") || page.body().contains("kc-content");
    }

    /**
     * The raw input must not come back where HTML escaping would have changed it; no payload may have been
     * evaluated as a template; no injected handler or script may be in the page.
     */
    static void assertNoEcho(Page page, Collection<String> inputs, String what) {
        String body = page.body();
        for (String input : inputs) {
            if (input.length() >= 3 && input.chars().anyMatch(c -> "<>\"'&".indexOf(c) >= 0)) {
                assertThat(body.contains(input)).as("raw input echoed unescaped for %s: %s", what, abbreviate(input)).isFalse();
            }
        }
        assertThat(body).as("template expression evaluated for %s", what).doesNotContain(EVALUATED_MARKER);
        assertThat(body).as("command output of freemarker Execute for %s", what).doesNotContainPattern("uid=[0-9]");
        Document document = page.document();
        for (Element element : document.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey().startsWith("on") && attribute.getValue().contains("alert("))
                        .as("injected handler %s=%s in %s", attribute.getKey(), attribute.getValue(), what).isFalse();
            }
        }
        for (Element script : document.select("script")) {
            assertThat(script.data()).as("injected script in %s", what).doesNotContain("alert(");
        }
        // The injected form's host, not "evil": Keycloak's own action URLs carry random base64 that spells it now and then.
        assertThat(document.select("img[src=x], svg[onload], iframe, form[action*=evil.example]")).as("injected element in %s", what).isEmpty();
    }

    public static String abbreviate(String input) {
        String shown = input.length() > 60 ? input.substring(0, 60) + "...(" + input.length() + " chars)" : input;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> out.append(c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x200b && c <= 0x206f) || c == 0xfeff
                ? String.format("\\u%04X", c) : new String(Character.toChars(c))));
        return out.toString();
    }
}
