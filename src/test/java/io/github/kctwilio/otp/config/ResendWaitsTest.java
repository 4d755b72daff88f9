package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kctwilio.otp.limits.ResendSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResendWaitsTest {

    @Test
    void withoutTheSettingTheWaitsAre30s60s2mAnd4m() throws Exception {
        assertThat(ResendWaits.resolve(null).waits()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofMinutes(2), Duration.ofMinutes(4));
    }

    @Test
    void theSettingIsTheList() throws Exception {
        assertThat(ResendWaits.resolve(Map.of(ResendWaits.RESEND_WAITS, "10s##1m")))
                .isEqualTo(new ResendSchedule(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1))));
    }

    @Test
    void aMalformedListIsNamedWithAnExample() {
        assertThatThrownBy(() -> ResendWaits.resolve(Map.of(ResendWaits.RESEND_WAITS, "2m, 30s")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(ResendWaits.RESEND_WAITS);
                    assertThat(e.getMessage()).contains("30s, 60s, 2m, 4m").contains("none shorter than the one before");
                });
    }
}
