package io.github.kctwilio.otp.it.adversarial;

import static io.github.kctwilio.otp.it.adversarial.Input.fields;
import static io.github.kctwilio.otp.it.adversarial.InputRules.inScript;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Inputs for the code form. Some are built around the right code, to show that it does not slip through. */
public final class CodePayloads {

    static final String FIELD = "code";

    private CodePayloads() {
    }

    /** Inputs that cannot be a code: each must be refused on the form, without a Twilio request. */
    public static List<Input> refused(String code) {
        List<Input> in = new ArrayList<>();
        in.add(fields(FIELD, "no field at all"));
        in.add(fields(FIELD, "only the verify button", "verify", ""));
        one(in, "empty", "");
        one(in, "a space", " ");
        one(in, "tab, CR, LF", "\t\r\n");
        in.add(fields(FIELD, "repeated, both empty", FIELD, List.of("", "")));
        in.add(fields(FIELD, "repeated, junk first then the right code", FIELD, List.of("abc", code)));
        for (String name : List.of("CODE", "code ", "Code", "code[]", "otp", "totp", "Code%00")) {
            in.add(fields(FIELD, "forged field name '" + name + "' with the right code", name, code));
        }
        for (String value : List.of("1", "12", "123", "12345678901", "12345678901234567890", "1".repeat(32), "1".repeat(33),
                "abcdef", "12345a", "a12345", "0x1234", "1e5", "12.345", "+123456", "(123456)", "123_456", "-", "----",
                "1-2-3", "12 3", "null", "undefined", "NaN", "%31%32%33%34%35%36", "&#49;&#50;&#51;&#52;")) {
            one(in, "not a code: " + value, value);
        }
        one(in, "10 kB of zeros", "0".repeat(10_240));
        one(in, "10 kB of letters", "A".repeat(10_240));
        one(in, "10 kB of <script>", "<script>".repeat(1_280));
        one(in, "the right code then 10 kB of spaces", code + " ".repeat(10_240));
        // Control and invisible characters around the right code: not whitespace, not digits, so refused.
        one(in, "NUL alone", "\u0000");
        one(in, "NUL inside the right code", code.substring(0, 3) + "\u0000" + code.substring(3));
        one(in, "RLO before the right code", "\u202E" + code);
        one(in, "PDF after the right code", code + "\u202C");
        one(in, "zero-width space before the right code", "\u200B" + code);
        one(in, "no-break space inside the right code", code.substring(0, 3) + "\u00A0" + code.substring(3));
        one(in, "ANSI escape before the right code", "\u001B[0m" + code);
        one(in, "BEL after the right code", code + "\u0007");
        one(in, "byte order mark before the right code", "\uFEFF" + code);
        // Digits the plugin does not read as digits.
        one(in, "three Arabic-Indic digits (too short)", inScript("123", 0x0660));
        one(in, "superscript digits", "\u00B9\u00B2\u00B3\u2074\u2075\u2076");
        one(in, "mathematical bold digits of the right code (outside the BMP)", inScript(code, 0x1D7CE));
        one(in, "Roman numerals", "\u2160\u2161\u2162\u2163");
        one(in, "vulgar fraction", "\u00BD\u00BC\u00BE\u00BD");
        // HTML and FreeMarker injection.
        for (String value : List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'><svg onload=alert(1)>",
                "</form><form action=//evil.example>", "javascript:alert(1)", "${7777*7}", "#{7777*7}", "[=7777*7]",
                "<#assign x=7777*7>${x}", "${\"freemarker.template.utility.Execute\"?new()(\"id\")}",
                "<#assign ex=\"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}", "${.now}", "{{7777*7}}",
                "' OR '1'='1")) {
            one(in, "injection: " + value, value);
        }
        one(in, "HTML after the right code", code + "<script>alert(1)</script>");
        one(in, "SQL after the right code", code + "' OR '1'='1");
        return in;
    }

    /** The right code written differently; each is valid (and logs in), so each needs a login of its own. */
    public static List<Function<String, Input>> rightCodeSpelledDifferently() {
        List<Function<String, Input>> in = new ArrayList<>();
        in.add(c -> Input.of(FIELD, "full-width digits", inScript(c, 0xFF10)));
        in.add(c -> Input.of(FIELD, "Arabic-Indic digits", inScript(c, 0x0660)));
        in.add(c -> Input.of(FIELD, "Extended Arabic-Indic (Persian) digits", inScript(c, 0x06F0)));
        in.add(c -> Input.of(FIELD, "Devanagari digits", inScript(c, 0x0966)));
        in.add(c -> Input.of(FIELD, "Bengali digits", inScript(c, 0x09E6)));
        in.add(c -> Input.of(FIELD, "Thai digits", inScript(c, 0x0E50)));
        in.add(c -> Input.of(FIELD, "ASCII and Arabic-Indic mixed", c.substring(0, 3) + inScript(c.substring(3), 0x0660)));
        in.add(c -> Input.of(FIELD, "full-width with an ideographic space", inScript(c.substring(0, 3), 0xFF10) + "\u3000"
                + inScript(c.substring(3), 0xFF10)));
        in.add(c -> Input.of(FIELD, "with a space", c.substring(0, 3) + " " + c.substring(3)));
        in.add(c -> Input.of(FIELD, "with a dash", c.substring(0, 3) + "-" + c.substring(3)));
        in.add(c -> Input.of(FIELD, "CR/LF inside", c.substring(0, 3) + "\r\n" + c.substring(3)));
        in.add(c -> Input.of(FIELD, "tabs around", "\t" + c + "\t"));
        in.add(c -> Input.of(FIELD, "em space inside", c.substring(0, 3) + "\u2003" + c.substring(3)));
        in.add(c -> fields(FIELD, "repeated, the right code first then junk", FIELD, List.of(c, "abc")));
        in.add(c -> fields(FIELD, "the right code + forged channel and unknown fields", FIELD, c, "channel", "premium",
                "Channel", "call", "foo", "bar", "verify", "<script>alert(1)</script>"));
        return in;
    }

    /** Well-formed but wrong: checked at Twilio and counted by brute-force protection (one per user). */
    public static List<Function<String, Input>> wellFormedButWrong() {
        List<Function<String, Input>> in = new ArrayList<>();
        in.add(c -> Input.of(FIELD, "wrong 4 digits", c.startsWith("0000") ? "1111" : "0000"));
        in.add(c -> Input.of(FIELD, "wrong 10 digits", "9876543210"));
        in.add(c -> Input.of(FIELD, "wrong code in full-width digits", inScript(c.startsWith("1") ? "222222" : "111111", 0xFF10)));
        return in;
    }

    private static void one(List<Input> in, String label, String value) {
        in.add(Input.of(FIELD, label, value));
    }
}
