package io.github.kctwilio.otp.it.adversarial;

import static io.github.kctwilio.otp.it.adversarial.Input.fields;
import static io.github.kctwilio.otp.it.adversarial.InputRules.inScript;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Inputs for the phone form. Any input that names a real-looking number uses a fresh number from
 * {@code TestUsers} (so the log scan knows it), never one of its own: an accepted input sends a code there.
 */
public final class PhonePayloads {

    static final String FIELD = "phoneNumber";

    private PhonePayloads() {
    }

    /** @param fresh hands out a new E.164 US number (+1415555xxxx) per call */
    public static List<Input> all(Supplier<String> fresh) {
        List<Input> in = new ArrayList<>();
        // Missing, empty, repeated and forged fields.
        in.add(fields(FIELD, "no field at all"));
        in.add(fields(FIELD, "only the send button", "send", ""));
        one(in, "empty", "");
        one(in, "a space", " ");
        one(in, "tab and newline", "\t\n");
        in.add(fields(FIELD, "repeated, both empty", FIELD, List.of("", "")));
        in.add(fields(FIELD, "repeated, junk first then a valid number", FIELD, List.of("abc", fresh.get())));
        in.add(fields(FIELD, "repeated, a valid number first then junk", FIELD, List.of(fresh.get(), "abc")));
        in.add(fields(FIELD, "repeated 50 times", FIELD, java.util.Collections.nCopies(50, "x")));
        for (String name : List.of("PHONENUMBER", "phoneNumber ", "phone_number", "phoneNumber[]", "phonenumber", "code", "To")) {
            in.add(fields(FIELD, "forged field name '" + name + "' with a valid number", name, fresh.get()));
        }
        // Too short, too long, not a number.
        for (String value : List.of("0", "12", "+", "+1", "+1 415 555", "+1 555 555 5555", "1234567890123456789012345",
                "not a number", "abc", "-1", "+0 123 456", "000000000000")) {
            one(in, "not a number: " + value, value);
        }
        String n = fresh.get();
        one(in, "valid number padded to 41 characters", n + " ".repeat(41 - n.length()));
        one(in, "10 kB of digits", "1".repeat(10_240));
        one(in, "10 kB of letters", "A".repeat(10_240));
        one(in, "10 kB of <script>", "<script>".repeat(1_280));
        one(in, "10 kB of NUL", "\u0000".repeat(10_240));
        one(in, "valid number then 10 kB of spaces", fresh.get() + " ".repeat(10_240));
        // Control and invisible characters.
        one(in, "NUL alone", "\u0000");
        one(in, "valid number + NUL", fresh.get() + "\u0000");
        one(in, "NUL + valid number", "\u0000" + fresh.get());
        String crlf = fresh.get();
        one(in, "CR/LF inside a valid number", crlf.substring(0, 5) + "\r\n" + crlf.substring(5));
        one(in, "CR/LF header injection", "\r\nSet-Cookie: pwned=1");
        one(in, "valid number + BEL", fresh.get() + "\u0007");
        one(in, "ANSI escape + valid number", "\u001B[31m" + fresh.get());
        String rlo = fresh.get();
        one(in, "bidi override (RLO) inside a valid number", "+1\u202E" + rlo.substring(2));
        one(in, "bidi override (RLO) before a valid number", "\u202E" + fresh.get());
        one(in, "bidi isolate (LRI) before a valid number", "\u2066" + fresh.get());
        one(in, "pop directional formatting after a valid number", fresh.get() + "\u202C");
        one(in, "zero-width space before a valid number", "\u200B" + fresh.get());
        one(in, "byte order mark before a valid number", "\uFEFF" + fresh.get());
        one(in, "literal %00", "%00");
        one(in, "literal \\u0000", "\\u0000");
        // Unicode digits: libphonenumber reads every script's digits, so these are valid numbers.
        one(in, "full-width digits and plus", inScript(fresh.get(), 0xFF10).replace('+', '\uFF0B'));
        one(in, "Arabic-Indic digits", inScript(fresh.get(), 0x0660));
        one(in, "Extended Arabic-Indic (Persian) digits", inScript(fresh.get(), 0x06F0));
        one(in, "Devanagari digits", inScript(fresh.get(), 0x0966));
        one(in, "Thai digits", inScript(fresh.get(), 0x0E50));
        String mixed = fresh.get();
        one(in, "ASCII and Arabic-Indic digits mixed", mixed.substring(0, 6) + inScript(mixed.substring(6), 0x0660));
        String national = fresh.get().substring(2);
        one(in, "full-width national format", inScript("(" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-"
                + national.substring(6), 0xFF10));
        one(in, "mathematical bold digits (outside the BMP)", inScript(fresh.get(), 0x1D7CE));
        one(in, "superscript digits", "\u00B9\u2074\u00B9\u2075\u2075\u2075\u2075\u2070\u00B9\u00B2\u00B3");
        one(in, "Roman numerals", "\u2163\u2160\u2164");
        // HTML injection.
        for (String value : List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'><svg onload=alert(1)>",
                "\" autofocus onfocus=alert(1) x=\"", "</form><form action=//evil.example>", "javascript:alert(1)",
                "&lt;script&gt;alert(1)&lt;/script&gt;", "&#x3C;script&#x3E;alert(1)", "<!--", "<iframe src=//evil.example>")) {
            one(in, "HTML: " + value, value);
        }
        one(in, "HTML: number in <b>", "<b>" + fresh.get().substring(2) + "</b>");
        one(in, "HTML: valid number + <script>", fresh.get() + "<script>alert(1)</script>");
        // FreeMarker injection.
        for (String value : List.of("${7777*7}", "#{7777*7}", "[=7777*7]", "<#assign x=7777*7>${x}",
                "${\"freemarker.template.utility.Execute\"?new()(\"id\")}",
                "<#assign ex=\"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}",
                "${.data_model}", "${url.loginAction}", "${msg(\"twilioOtpLocked\")}", "${kcSanitize(\"<b>\")}", "{{7777*7}}")) {
            one(in, "FreeMarker: " + value, value);
        }
        // Other classics.
        one(in, "SQL: ' OR '1'='1", "' OR '1'='1");
        one(in, "SQL after a valid number", fresh.get() + "'; DROP TABLE users;--");
        one(in, "path traversal", "../../../../etc/passwd");
        // Odd but valid spellings of a real number: normalised to E.164 and sent.
        one(in, "tel: URI", "tel:" + fresh.get());
        one(in, "with an extension", fresh.get() + " ext. 5");
        one(in, "double plus", "+" + fresh.get());
        String dots = fresh.get().substring(2);
        one(in, "national with dots", dots.substring(0, 3) + "." + dots.substring(3, 6) + "." + dots.substring(6));
        // Forged channel and Twilio parameter names next to the number.
        in.add(fields(FIELD, "valid number + channel=premium", FIELD, fresh.get(), "channel", "premium"));
        in.add(fields(FIELD, "valid number + forged Channel, To, resend, code", FIELD, fresh.get(), "Channel", "whatsapp",
                "To", "+19005550123", "resend", "true", "code", "123456"));
        in.add(fields(FIELD, "junk + channel=premium", FIELD, "abc", "channel", "premium"));
        return in;
    }

    private static void one(List<Input> in, String label, String value) {
        in.add(Input.of(FIELD, label, value));
    }
}
