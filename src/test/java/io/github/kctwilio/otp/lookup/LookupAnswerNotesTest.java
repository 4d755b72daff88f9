package io.github.kctwilio.otp.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LookupAnswerNotesTest {

    private static final Instant AT = Instant.parse("2026-11-27T16:00:00.123Z");

    @Test
    void aFullAnswerSurvivesTheStore() {
        LookupAnswer answer = new LookupAnswer(true, PackageAnswer.answered(LineType.NON_FIXED_VOIP, AT),
                PackageAnswer.answered(61, AT.plusSeconds(5)),
                PackageAnswer.answered(new SimSwap(AT.minus(Duration.ofHours(3)), Duration.ofHours(24), true), AT));

        assertThat(LookupAnswerNotes.fromNotes(LookupAnswerNotes.toNotes(answer))).contains(answer);
    }

    @Test
    void failuresPackagesNotAskedAndMissingSwapDetailsSurviveToo() {
        LookupAnswer answer = new LookupAnswer(false, PackageAnswer.failed(null, AT), PackageAnswer.failed(60607, AT),
                PackageAnswer.notAsked());
        LookupAnswer vague = new LookupAnswer(true, PackageAnswer.notAsked(), PackageAnswer.notAsked(),
                PackageAnswer.answered(new SimSwap(null, null, false), AT));

        assertThat(LookupAnswerNotes.fromNotes(LookupAnswerNotes.toNotes(answer))).contains(answer);
        assertThat(LookupAnswerNotes.fromNotes(LookupAnswerNotes.toNotes(vague))).contains(vague);
    }

    @Test
    void theNotesHoldNoNumber() {
        LookupAnswer answer = new LookupAnswer(true, PackageAnswer.answered(LineType.MOBILE, AT), PackageAnswer.notAsked(),
                PackageAnswer.notAsked());

        assertThat(LookupAnswerNotes.toNotes(answer)).containsOnlyKeys("valid", "line_type_intelligence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "1:answered:satellite", "x:answered:mobile", "1:maybe:mobile", "1:answered"})
    void notesThisVersionDidNotWriteAreNoAnswer(String lineTypeNote) {
        Map<String, String> notes = new HashMap<>();
        notes.put("valid", "true");
        notes.put("line_type_intelligence", lineTypeNote);

        assertThat(LookupAnswerNotes.fromNotes(notes)).isEmpty();
    }

    @Test
    void noNotesAreNoAnswer() {
        assertThat(LookupAnswerNotes.fromNotes(null)).isEmpty();
        assertThat(LookupAnswerNotes.fromNotes(Map.of())).isEmpty();
    }
}
