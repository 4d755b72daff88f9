package io.github.kctwilio.otp.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A node's hints of the next free slot: only ever a starting point, bounded in memory. */
class SlotHintsTest {

    private final SlotHints hints = new SlotHints();

    @Test
    void aWindowThisNodeNeverSawHasNoHintAndAnEndedOneIsForgotten() {
        assertThat(hints.next("w", 100)).isEqualTo(-1);
        hints.taken("w", 2, 100, 200);

        assertThat(hints.next("w", 150)).isEqualTo(3);
        assertThat(hints.next("w", 200)).isEqualTo(-1);
    }

    @Test
    void aHintOnlyMovesUpUnlessASlotIsGivenBack() {
        hints.taken("w", 4, 100, 200);
        hints.taken("w", 1, 100, 200); // a slower thread of this node reports an older claim

        assertThat(hints.next("w", 100)).isEqualTo(5);
        hints.released("w", 2);
        assertThat(hints.next("w", 100)).isEqualTo(2);
    }

    @Test
    void firstTimeIsTrueOncePerKeyUntilItEnds() {
        assertThat(hints.firstTime("k", 100, 200)).isTrue();
        assertThat(hints.firstTime("k", 150, 200)).isFalse();
        assertThat(hints.firstTime("k", 200, 300)).isTrue();
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfWindows() {
        for (int i = 0; i < SlotHints.MAX_ENTRIES + 10; i++) {
            hints.taken("window-" + i, 0, 100, 200);
        }

        assertThat(hints.size()).isLessThanOrEqualTo(SlotHints.MAX_ENTRIES);
    }
}
