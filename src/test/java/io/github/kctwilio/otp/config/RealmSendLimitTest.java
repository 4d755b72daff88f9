package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.kctwilio.otp.limits.RateLimit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The realm-wide ceiling, a realm rule on the required action "Verify phone number". */
class RealmSendLimitTest {

    @Test
    void defaultsToThreeHundredAnHour() throws ConfigException {
        assertThat(RealmSendLimit.resolve(null)).isEqualTo(new RateLimit(300, Duration.ofHours(1)));
        assertThat(RealmSendLimit.resolve(Map.of(Setting.REALM_SEND_LIMIT.key(), " "))).isEqualTo(new RateLimit(300, Duration.ofHours(1)));
    }

    @Test
    void takesTheAdminsValueOrZeroForNoLimit() throws ConfigException {
        assertThat(RealmSendLimit.resolve(Map.of(Setting.REALM_SEND_LIMIT.key(), "5000/1d"))).isEqualTo(new RateLimit(5000, Duration.ofDays(1)));
        assertThat(RealmSendLimit.resolve(Map.of(Setting.REALM_SEND_LIMIT.key(), "0")).isOff()).isTrue();
    }

    @Test
    void aMalformedValueIsRefusedNamingTheSettingButNotTheValue() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> RealmSendLimit.resolve(Map.of(Setting.REALM_SEND_LIMIT.key(), "lots/1h")));

        assertThat(e.setting()).isEqualTo(Setting.REALM_SEND_LIMIT.key());
        assertThat(e.getMessage()).contains(Setting.REALM_SEND_LIMIT.key()).doesNotContain("lots");
    }
}
