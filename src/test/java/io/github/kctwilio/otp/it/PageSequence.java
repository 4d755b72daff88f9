package io.github.kctwilio.otp.it;

import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * What a person sees on each page of a walk through the login ({@link Page#asSeen()}), and how long each took: the
 * walks of a real account and of a decoy must show equal pages.
 */
final class PageSequence {

    final List<String> pages = new ArrayList<>();
    final List<Long> millis = new ArrayList<>();

    void add(Page page, long startedNanos) {
        millis.add((System.nanoTime() - startedNanos) / 1_000_000);
        add(page);
    }

    /** A page whose time does not matter. */
    void add(Page page) {
        pages.add(page.asSeen());
    }

    long medianMillis() {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }
}
