package io.github.kctwilio.otp.bench;

import io.github.kctwilio.otp.testsupport.LoginBrowser;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import io.github.kctwilio.otp.testsupport.RealmJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One simulated user's browser, reused from login to login with its cookies forgotten in between (a fresh browser
 * without the cost of a new HTTP client). With several nodes, each request of a login goes to the next node in
 * turn, as behind a round-robin load balancer without sticky sessions. Times each request it makes.
 */
final class LoginClient {

    private final List<LoginBrowser> nodes = new ArrayList<>();
    private int nextNode;
    private long[] stepNanos;
    private int step;

    LoginClient(List<String> nodeUrls) {
        LoginBrowser first = new LoginBrowser(nodeUrls.get(0));
        nodes.add(first);
        nodeUrls.subList(1, nodeUrls.size()).forEach(url -> nodes.add(first.atNode(url)));
    }

    /** Starts a login of {@code steps} requests: no cookies, timings cleared. */
    void begin(int steps) {
        nodes.get(0).forgetCookies();
        stepNanos = new long[steps];
        step = 0;
    }

    /** The durations of the requests of the current login, in order. */
    long[] stepNanos() {
        return stepNanos.clone();
    }

    Page openLogin(String realm) throws Exception {
        LoginBrowser browser = nextBrowser();
        long t0 = System.nanoTime();
        Page page = browser.openLogin(realm, RealmJson.CLIENT_ID);
        record(t0);
        return page;
    }

    Page submit(Page page, String formId, Map<String, String> fields) throws Exception {
        LoginBrowser browser = nextBrowser();
        long t0 = System.nanoTime();
        Page next = browser.submitHere(page, formId, fields);
        record(t0);
        return next;
    }

    private LoginBrowser nextBrowser() {
        LoginBrowser browser = nodes.get(nextNode);
        nextNode = (nextNode + 1) % nodes.size();
        return browser;
    }

    private void record(long startNanos) {
        stepNanos[step++] = System.nanoTime() - startNanos;
    }
}
