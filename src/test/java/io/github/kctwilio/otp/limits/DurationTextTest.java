package io.github.kctwilio.otp.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"30s, PT30S", "2m, PT2M", " 4 H , PT4H", "7d, P7D", "PT48H, PT48H", "pt15m, PT15M", "P1D, PT24H", "0s, PT0S"})
    void shortAndIsoFormsAreRead(String text, Duration expected) {
        assertThat(DurationText.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "s", "2 weeks", "PT-5M", "P", "1.5h"})
    void anythingElseIsNoDuration(String text) {
        assertThat(DurationText.parse(text)).isEmpty();
    }
}
