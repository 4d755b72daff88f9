package io.github.kctwilio.otp.it.adversarial;

import static io.github.kctwilio.otp.it.adversarial.Input.fields;

import java.util.ArrayList;
import java.util.List;

/** The step's other parameters: the resend button with odd values, forged fields, and raw request bodies. */
public final class RequestPayloads {

    static final String FORM = "application/x-www-form-urlencoded";

    /** A request body sent as is. */
    public record RawBody(String label, String contentType, String body) {
    }

    private RequestPayloads() {
    }

    /** Any value of {@code resend} asks for a new code; forged channel or number fields must change nothing. */
    public static List<Input> resends() {
        List<Input> in = new ArrayList<>();
        String f = "resend";
        in.add(fields(f, "resend empty", "resend", ""));
        in.add(fields(f, "resend=false", "resend", "false"));
        in.add(fields(f, "resend=0", "resend", "0"));
        in.add(fields(f, "resend of 10 kB", "resend", "x".repeat(10_240)));
        in.add(fields(f, "resend=<script>", "resend", "<script>alert(1)</script>"));
        in.add(fields(f, "resend repeated", "resend", List.of("true", "true")));
        in.add(fields(f, "resend + channel=premium", "resend", "true", "channel", "premium"));
        in.add(fields(f, "resend + forged Channel, To, channel=call", "resend", "true", "channel", "call", "Channel", "whatsapp",
                "To", "+19005550123"));
        in.add(fields(f, "resend + a code (resend wins)", "resend", "true", "code", "123456"));
        return in;
    }

    /** Fields that are not ours, or near misses of ours, without a code: the form says the code is missing. */
    public static List<Input> forgedWithoutCode() {
        List<Input> in = new ArrayList<>();
        String f = "code";
        in.add(fields(f, "channel=premium", "channel", "premium"));
        in.add(fields(f, "Channel=call", "Channel", "call"));
        in.add(fields(f, "To=+19005550123", "To", "+19005550123"));
        in.add(fields(f, "verify of 10 kB", "verify", "v".repeat(10_240)));
        in.add(fields(f, "verify=<script>", "verify", "<script>alert(1)</script>"));
        in.add(fields(f, "unknown field", "foo", "bar"));
        in.add(fields(f, "session_code in the body", "session_code", "forged"));
        in.add(fields(f, "execution in the body", "execution", "forged"));
        in.add(fields(f, "tab_id in the body", "tab_id", "forged"));
        in.add(fields(f, "client_id in the body", "client_id", "evil"));
        in.add(fields(f, "empty field name", "", ""));
        in.add(fields(f, "field name <script>", "<script>alert(1)</script>", "x"));
        in.add(fields(f, "field name ${7777*7}", "${7777*7}", "x"));
        in.add(fields(f, "near miss 'resendX'", "resendX", "true"));
        in.add(fields(f, "near miss 'Resend'", "Resend", "true"));
        in.add(fields(f, "near miss 'RESEND'", "RESEND", "true"));
        in.add(fields(f, "near miss 'resend '", "resend ", "true"));
        return in;
    }

    /** Bodies a browser would not send: bad percent-encoding, other content types, huge or empty. None holds a code. */
    public static List<RawBody> rawBodies() {
        List<RawBody> in = new ArrayList<>();
        in.add(new RawBody("empty body", FORM, ""));
        in.add(new RawBody("name without '='", FORM, "code"));
        in.add(new RawBody("only '='", FORM, "="));
        in.add(new RawBody("value without a name", FORM, "=123456"));
        in.add(new RawBody("bad percent-encoding %ZZ", FORM, "code=%ZZ"));
        in.add(new RawBody("truncated percent-encoding", FORM, "code=%"));
        in.add(new RawBody("truncated UTF-8 sequence", FORM, "code=%E2%82"));
        in.add(new RawBody("overlong UTF-8 NUL", FORM, "code=%C0%80"));
        in.add(new RawBody("invalid UTF-8 bytes", FORM, "code=%FF%FE%FD%FC"));
        in.add(new RawBody("only separators", FORM, "&&&&&&"));
        in.add(new RawBody("a value, then the name alone", FORM, "code=1&code"));
        in.add(new RawBody("10 kB of separators", FORM, "&".repeat(10_240)));
        in.add(new RawBody("10 kB percent-encoded value", FORM, "code=" + "%41".repeat(3_414)));
        in.add(new RawBody("2500 unknown fields", FORM, "a=1&".repeat(2_500)));
        in.add(new RawBody("encoded <script> as the code", FORM, "code=%3Cscript%3Ealert(1)%3C%2Fscript%3E"));
        in.add(new RawBody("semicolon separators", FORM, "code=ab;resend=true"));
        in.add(new RawBody("JSON body", "application/json", "{\"code\":\"abc\",\"resend\":true}"));
        in.add(new RawBody("XML body", "application/xml", "<code>abc</code>"));
        in.add(new RawBody("text/plain body", "text/plain", "code=abc"));
        in.add(new RawBody("multipart with a short code", "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\n12\r\n--x--\r\n"));
        in.add(new RawBody("multipart without boundary", "multipart/form-data", "garbage"));
        in.add(new RawBody("form declared as UTF-16", FORM + "; charset=UTF-16", "code=ab"));
        in.add(new RawBody("unknown charset", FORM + "; charset=x-klingon", "code=ab"));
        return in;
    }
}
