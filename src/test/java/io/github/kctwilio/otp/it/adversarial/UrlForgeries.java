package io.github.kctwilio.otp.it.adversarial;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Forged versions of the step's current action URL: its query parameters and its path. */
public final class UrlForgeries {

    /** @param forge makes the forged URL from the current action URL */
    public record Forgery(String label, UnaryOperator<String> forge) {
    }

    private UrlForgeries() {
    }

    /**
     * @param otherExecutionId the id of another execution of the same flow (username and password form)
     * @param otherRealm       another realm of the same server
     */
    public static List<Forgery> all(String otherExecutionId, String otherRealm) {
        List<Forgery> in = new ArrayList<>();
        in.add(new Forgery("session_code removed", u -> Urls.without(u, "session_code")));
        in.add(new Forgery("session_code garbage", u -> Urls.with(u, "session_code", "garbage")));
        in.add(new Forgery("session_code of 10 kB", u -> Urls.with(u, "session_code", "A".repeat(10_240))));
        in.add(new Forgery("session_code <script>", u -> Urls.with(u, "session_code", "<script>alert(1)</script>")));
        in.add(new Forgery("execution garbage", u -> Urls.with(u, "execution", "garbage")));
        in.add(new Forgery("execution of the password form", u -> Urls.with(u, "execution", otherExecutionId)));
        in.add(new Forgery("execution removed", u -> Urls.without(u, "execution")));
        in.add(new Forgery("execution ${7777*7}", u -> Urls.with(u, "execution", "${7777*7}")));
        in.add(new Forgery("tab_id garbage", u -> Urls.with(u, "tab_id", "garbage")));
        in.add(new Forgery("tab_id removed", u -> Urls.without(u, "tab_id")));
        in.add(new Forgery("client_id unknown", u -> Urls.with(u, "client_id", "no-such-client")));
        in.add(new Forgery("client_id <script>", u -> Urls.with(u, "client_id", "\"><script>alert(1)</script>")));
        in.add(new Forgery("client_id removed", u -> Urls.without(u, "client_id")));
        in.add(new Forgery("client_data garbage", u -> Urls.with(u, "client_data", "garbage")));
        in.add(new Forgery("kc_locale injection", u -> Urls.with(u, "kc_locale", "\"><script>alert(1)</script>")));
        in.add(new Forgery("whole query removed", Urls::withoutQuery));
        in.add(new Forgery("path: required-action", u -> Urls.withPath(u, Urls.path(u).replace("/authenticate", "/required-action"))));
        in.add(new Forgery("path: registration", u -> Urls.withPath(u, Urls.path(u).replace("/authenticate", "/registration"))));
        in.add(new Forgery("path: another realm", u -> Urls.withPath(u, "/realms/" + otherRealm + "/login-actions/authenticate")));
        in.add(new Forgery("path: unknown realm <script>", u -> Urls.withPath(u,
                "/realms/%3Cscript%3Ealert(1)%3C%2Fscript%3E/login-actions/authenticate")));
        return in;
    }
}
