package io.github.kctwilio.otp.bench;

import io.github.kctwilio.otp.bench.BenchRealms.BenchUser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import java.util.List;

/** One way to log in, as a browser does it: a realm, its requests, and what proves each step worked. */
interface LoginFlow {

    /** Title in the report. */
    String title();

    /** Names of the timed requests, in order. */
    List<String> steps();

    /**
     * One complete login up to the redirect to the application with an authorization code.
     *
     * @return false when this user cannot log in right now (its authenticator-app codes are used up): try another
     * @throws LoginFailed when a page is not the expected one
     */
    boolean login(LoginClient client, BenchUser user) throws Exception;

    /** Fails the login unless the page is what the step should have produced. */
    static void expect(boolean expected, Page page, String what) throws LoginFailed {
        if (!expected) {
            String text = page.body().isEmpty() ? page.toString() : page.text();
            throw new LoginFailed("expected " + what + ", got " + page.status() + ": "
                    + (text.length() > 300 ? text.substring(0, 300) : text));
        }
    }

    /** A page that was not the one the flow expects next. */
    final class LoginFailed extends Exception {
        LoginFailed(String message) {
            super(message);
        }
    }
}
