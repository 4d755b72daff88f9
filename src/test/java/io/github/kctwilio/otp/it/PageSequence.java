package io.github.kctwilio.otp.it;

import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * What a person sees on each page of a walk through the login, and how long each took: the walks of a real account
 * and of a decoy must show equal pages. A page is its status, its visible text, and the ids and names of its forms,
 * buttons and inputs (not its action URLs, which differ per session).
 */
final class PageSequence {

    final List<String> pages = new ArrayList<>();
    final List<Long> millis = new ArrayList<>();

    void add(Page page, long startedNanos) {
        millis.add((System.nanoTime() - startedNanos) / 1_000_000);
        pages.add(page.status() + "|" + page.text() + "|" + page.document().select("form[id]").eachAttr("id")
                + page.document().select("button[name]").eachAttr("name") + page.document().select("button[name=channel]").eachAttr("value")
                + page.document().select("input").eachAttr("name"));
    }

    long medianMillis() {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }
}
