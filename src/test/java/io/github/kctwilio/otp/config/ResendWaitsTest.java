package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kctwilio.otp.limits.ResendSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The setting Resend waits, and the fixed cooldown it replaces as configs saved before hold it. */
class ResendWaitsTest {

    private static final String WAITS = Setting.RESEND_WAITS.key();
    private static final String COOLDOWN = Setting.RESEND_COOLDOWN_SECONDS.key();

    @Test
    void withoutTheSettingTheWaitsAre30s60s2mAnd4m() throws Exception {
        assertThat(ResendWaits.resolve(null).waits()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofMinutes(2), Duration.ofMinutes(4));
    }

    @Test
    void theSettingIsTheList() throws Exception {
        assertThat(ResendWaits.resolve(Map.of(WAITS, "10s##1m")))
                .isEqualTo(new ResendSchedule(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1))));
    }

    @Test
    void aMalformedListIsNamedWithAnExample() {
        assertThatThrownBy(() -> ResendWaits.resolve(Map.of(WAITS, "2m, 30s")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(WAITS);
                    assertThat(e.getMessage()).contains("30s, 60s, 2m, 4m").contains("none shorter than the one before");
                });
    }

    @Test
    void aConfigSavedWithOnlyTheOldCooldownWaitsThatLongBeforeEveryResend() throws Exception {
        assertThat(ResendWaits.resolve(Map.of(COOLDOWN, "45"))).isEqualTo(new ResendSchedule(List.of(Duration.ofSeconds(45))));
        assertThat(ResendWaits.resolve(Map.of(COOLDOWN, "0", WAITS, " "))).isEqualTo(new ResendSchedule(List.of(Duration.ZERO)));
    }

    @Test
    void theWaitsWinOverTheOldCooldownAndABlankCooldownIsNotRead() throws Exception {
        assertThat(ResendWaits.resolve(Map.of(COOLDOWN, "0", WAITS, "10s, 20s")).waits())
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertThat(ResendWaits.resolve(Map.of(COOLDOWN, ""))).isEqualTo(ResendWaits.resolve(null));
    }

    @Test
    void aMalformedOldCooldownIsNamedAsReplaced() {
        assertThatThrownBy(() -> ResendWaits.resolve(Map.of(COOLDOWN, "601")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(COOLDOWN);
                    assertThat(e.getMessage()).contains("0 to 600").contains("replaced by " + WAITS).doesNotContain("601");
                });
    }
}
