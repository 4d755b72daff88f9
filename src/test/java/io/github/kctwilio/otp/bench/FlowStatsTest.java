package io.github.kctwilio.otp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.bench.BenchRealms.BenchUser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic: which logins a window counts, and nearest-rank percentiles of each step. */
class FlowStatsTest {

    private static final LoginFlow TWO_STEPS = new LoginFlow() {
        @Override
        public String title() {
            return "two steps";
        }

        @Override
        public List<String> steps() {
            return List.of("first", "second");
        }

        @Override
        public boolean login(LoginClient client, BenchUser user) {
            return true;
        }
    };

    @Test
    void loginsEndingInTheWindowCountAndOnlyThoseWhollyInsideGiveStepTimes() throws Exception {
        MeasureWindow window = new MeasureWindow();
        FlowStats stats = new FlowStats(TWO_STEPS, window);
        long before = System.nanoTime();
        Thread.sleep(2);
        window.open();
        long inside = System.nanoTime();
        Thread.sleep(2);

        stats.success(before, System.nanoTime(), new long[] {999_000_000, 999_000_000}); // began during the warm-up
        stats.success(inside, System.nanoTime(), new long[] {1_000_000, 4_000_000});
        window.close();
        stats.success(inside, System.nanoTime(), new long[] {999_000_000, 999_000_000}); // ended after the window
        stats.failure(new IllegalStateException("a wrong page"));

        assertThat(stats.logins()).isEqualTo(3);
        assertThat(stats.loginsInWindow()).isEqualTo(2);
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(stats.percentileMillis(0, 99)).isEqualTo(1.0);
        assertThat(stats.percentileMillis(1, 50)).isEqualTo(4.0);
    }

    @Test
    void percentilesAreNearestRankOverTheMeasuredLogins() {
        MeasureWindow window = new MeasureWindow();
        FlowStats stats = new FlowStats(TWO_STEPS, window);
        window.open();
        long start = System.nanoTime();
        for (int ms = 1; ms <= 100; ms++) {
            stats.success(start, System.nanoTime(), new long[] {ms * 1_000_000L, 0});
        }
        window.close();

        assertThat(stats.percentileMillis(0, 50)).isEqualTo(50.0);
        assertThat(stats.percentileMillis(0, 95)).isEqualTo(95.0);
        assertThat(stats.percentileMillis(0, 99)).isEqualTo(99.0);
        assertThat(stats.percentileMillis(0, 100)).isEqualTo(100.0);
    }

    @Test
    void aFlowWithoutMeasuredLoginsHasNoPercentiles() {
        FlowStats stats = new FlowStats(TWO_STEPS, new MeasureWindow());

        assertThat(stats.percentileMillis(0, 95)).isNaN();
        assertThat(stats.loginsInWindow()).isZero();
    }
}
