package io.github.kctwilio.otp.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LookupAnswerTest {

    private static final Instant EARLY = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant LATE = Instant.parse("2026-11-27T16:00:00Z");

    @Test
    void anUpdateTakesEachPackageFromTheAnswerThatAskedItLast() {
        LookupAnswer cached = new LookupAnswer(true, PackageAnswer.answered(LineType.MOBILE, EARLY), PackageAnswer.answered(10, EARLY),
                PackageAnswer.notAsked());
        SimSwap swap = new SimSwap(LATE.minus(Duration.ofDays(3)), Duration.ofHours(24), false);
        LookupAnswer fresh = new LookupAnswer(true, PackageAnswer.notAsked(), PackageAnswer.answered(55, LATE),
                PackageAnswer.answered(swap, LATE));

        LookupAnswer updated = cached.updatedWith(fresh);

        assertThat(updated).isEqualTo(new LookupAnswer(true, PackageAnswer.answered(LineType.MOBILE, EARLY),
                PackageAnswer.answered(55, LATE), PackageAnswer.answered(swap, LATE)));
    }

    @Test
    void validityComesFromTheNewerAnswer() {
        LookupAnswer cached = new LookupAnswer(true, PackageAnswer.notAsked(), PackageAnswer.notAsked(), PackageAnswer.notAsked());
        LookupAnswer fresh = new LookupAnswer(false, PackageAnswer.failed(null, LATE), PackageAnswer.notAsked(), PackageAnswer.notAsked());

        assertThat(cached.updatedWith(fresh).valid()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LINE_TYPE, line_type_intelligence", "SMS_PUMPING_RISK, sms_pumping_risk", "SIM_SWAP, sim_swap"})
    void eachPackageIsAskedForByTwiliosFieldName(LookupPackage lookupPackage, String field) {
        assertThat(lookupPackage.field()).isEqualTo(field);
    }

    @Test
    void aPackageAnswerIsConsistent() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PackageAnswer<>(PackageAnswer.Status.ANSWERED, null, null, LATE));
        assertThatIllegalArgumentException().isThrownBy(() -> new PackageAnswer<>(PackageAnswer.Status.ANSWERED, "x", 60607, LATE));
        assertThatIllegalArgumentException().isThrownBy(() -> new PackageAnswer<>(PackageAnswer.Status.NOT_ASKED, null, null, LATE));
    }

    @ParameterizedTest(name = "HTTP {0}, code {1}: {2}")
    @CsvSource({"401, 20003, BAD_CREDENTIALS", ", 20003, BAD_CREDENTIALS", "401, , BAD_CREDENTIALS", "429, 20429, THROTTLED",
            "500, 20500, UNAVAILABLE", ", , UNAVAILABLE", "400, 60600, UNAVAILABLE"})
    void wholeRequestFailuresAreClassified(Integer status, Integer code, LookupFailure expected) {
        assertThat(LookupFailure.classify(status, code)).isEqualTo(expected);
    }
}
