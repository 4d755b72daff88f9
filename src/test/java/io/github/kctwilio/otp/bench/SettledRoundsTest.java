package io.github.kctwilio.otp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When a flow counts as warm, the median and spread of per-round ratios, and which threads count as request threads. */
class SettledRoundsTest {

    @Test
    void twoWindowsWithinThreePercentAreSettledAndFurtherApartAreNot() {
        assertThat(SettledRounds.settled(20.0, 20.5, 0.03)).isTrue();
        assertThat(SettledRounds.settled(20.0, 19.5, 0.03)).isTrue();
        assertThat(SettledRounds.settled(20.0, 21.0, 0.03)).isFalse();
        assertThat(SettledRounds.settled(0.0, 0.0, 0.03)).as("no logins measured is never settled").isFalse();
    }

    @Test
    void aFlowWhoseCompilersAreStillBusyIsNotSettledEvenWhenTwoWindowsAgree() {
        SettledRounds.Window before = new SettledRounds.Window(20.0, 0.01);

        assertThat(SettledRounds.settled(before, new SettledRounds.Window(20.3, 0.04), 0.03, 0.05)).isTrue();
        assertThat(SettledRounds.settled(before, new SettledRounds.Window(20.3, 0.12), 0.03, 0.05)).isFalse();
        assertThat(SettledRounds.settled(before, new SettledRounds.Window(22.0, 0.01), 0.03, 0.05)).isFalse();
    }

    @Test
    void medianOfOddAndEvenCountsAndTheSpread() {
        assertThat(SettledRounds.median(List.of(1.3, 0.9, 1.1))).isEqualTo(1.1);
        assertThat(SettledRounds.median(List.of(1.0, 1.4, 1.2, 0.8))).isEqualTo(1.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SettledRounds.medianAndSpread(List.of(1.3, 0.9, 1.1), "%.2f")).isEqualTo("1.10 (0.90 to 1.30 over 3 rounds)");
    }

    @Test
    void keycloakWorkersAndEventLoopsAreRequestThreadsAndCompilersAndCollectorsAreKindsOfTheirOwn() {
        assertThat(ThreadCpu.kindOf("executor-thread")).isEqualTo(ThreadCpu.Kind.REQUEST);
        assertThat(ThreadCpu.kindOf("vert.x-eventloo")).isEqualTo(ThreadCpu.Kind.REQUEST);
        assertThat(ThreadCpu.kindOf("C2 CompilerThre")).isEqualTo(ThreadCpu.Kind.COMPILER);
        assertThat(ThreadCpu.kindOf("C1 CompilerThre")).isEqualTo(ThreadCpu.Kind.COMPILER);
        assertThat(ThreadCpu.kindOf("GC Thread#1")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.kindOf("G1 Conc#0")).isEqualTo(ThreadCpu.Kind.GC);
        assertThat(ThreadCpu.kindOf("jgroups-5,node")).isEqualTo(ThreadCpu.Kind.OTHER);
    }

    @Test
    void cpuBetweenSamplesCountsNewThreadsFromZeroAndLeavesEndedThreadsOut() {
        var before = java.util.Map.of(
                "1/10", new ThreadCpu.ThreadSample(ThreadCpu.Kind.REQUEST, 5_000),
                "1/11", new ThreadCpu.ThreadSample(ThreadCpu.Kind.REQUEST, 900_000)); // ends before the second sample
        var after = java.util.Map.of(
                "1/10", new ThreadCpu.ThreadSample(ThreadCpu.Kind.REQUEST, 7_000),
                "1/12", new ThreadCpu.ThreadSample(ThreadCpu.Kind.COMPILER, 300),
                "1/13", new ThreadCpu.ThreadSample(ThreadCpu.Kind.GC, 40));

        assertThat(ThreadCpu.between(before, after)).isEqualTo(new ThreadCpu(2_000, 300, 40, 0));
    }

    @Test
    void idleCpuScalesToAWindowAndIsSubtracted() {
        ThreadCpu window = new ThreadCpu(1_000, 500, 400, 300);
        ThreadCpu idlePerSecond = new ThreadCpu(10, 20, 5, 30);

        assertThat(window.minus(idlePerSecond.times(2))).isEqualTo(new ThreadCpu(980, 460, 390, 240));
        assertThat(window.jitGcNanos()).isEqualTo(900);
    }

    @Test
    void anIdleWindowLeavesTheCompilersBacklogOut() {
        assertThat(new ThreadCpu(10, 200, 5, 30).withoutCompilers()).isEqualTo(new ThreadCpu(10, 0, 5, 30));
    }
}
