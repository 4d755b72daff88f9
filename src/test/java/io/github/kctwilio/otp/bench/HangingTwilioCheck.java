package io.github.kctwilio.otp.bench;

import io.github.kctwilio.otp.bench.BenchRealms.BenchUser;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Twilio accepts connections and never answers: several logins post their password at once, and each page must come
 * back, with the "could not reach the verification service" message, within the read timeout plus one second.
 */
final class HangingTwilioCheck {

    /** How long each post-password page took, and how many of them said that Twilio could not be reached. */
    record Outcome(long[] pageMillis, int explained, List<String> unexpected) {

        long maxMillis() {
            return Arrays.stream(pageMillis).max().orElse(0);
        }

        long medianMillis() {
            long[] sorted = pageMillis.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
        }
    }

    private HangingTwilioCheck() {
    }

    static Outcome run(VerifyEmulator twilio, List<String> nodeUrls, List<BenchUser> users, int logins) throws Exception {
        twilio.reset();
        twilio.hangEvery();
        ExecutorService pool = Executors.newFixedThreadPool(logins);
        try {
            List<Future<Page>> pages = new ArrayList<>();
            List<LoginClient> clients = new ArrayList<>();
            for (int i = 0; i < logins; i++) {
                LoginClient client = new LoginClient(nodeUrls);
                BenchUser user = users.get(i);
                clients.add(client);
                pages.add(pool.submit(() -> {
                    client.begin(2);
                    return TwilioOtpFlow.signIn(client, user);
                }));
            }
            long[] millis = new long[logins];
            int explained = 0;
            List<String> unexpected = new ArrayList<>();
            for (int i = 0; i < logins; i++) {
                Page page = pages.get(i).get();
                millis[i] = Duration.ofNanos(clients.get(i).stepNanos()[1]).toMillis();
                if (page.text().contains("could not reach the verification service")) {
                    explained++;
                } else {
                    unexpected.add(page.status() + " " + page.text());
                }
            }
            return new Outcome(millis, explained, unexpected);
        } finally {
            pool.shutdownNow();
            twilio.reset(); // drops the hung requests
        }
    }
}
