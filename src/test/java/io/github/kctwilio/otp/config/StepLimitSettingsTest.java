package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.kctwilio.otp.limits.RateLimit;
import io.github.kctwilio.otp.limits.SendLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The resend waits and the send limits of an execution: defaults, overrides, and refused values. */
class StepLimitSettingsTest {

    @Test
    void defaultsAreTheEscalatingWaitsAndTheDocumentedSendLimits() throws ConfigException {
        TwilioOtpConfig config = ConfigFixtures.resolve(Map.of());

        assertThat(config.resendWaits().waits()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofMinutes(2), Duration.ofMinutes(4));
        assertThat(config.sendLimits()).isEqualTo(SendLimits.defaults());
        assertThat(config.sendLimits().perNumber()).isEqualTo(new RateLimit(5, Duration.ofHours(1)));
        assertThat(config.sendLimits().perUser()).isEqualTo(new RateLimit(10, Duration.ofHours(1)));
        assertThat(config.sendLimits().perIp()).isEqualTo(new RateLimit(30, Duration.ofHours(1)));
        assertThat(config.sendLimits().perLogin()).isEqualTo(5);
    }

    @Test
    void executionValuesOverrideTheDefaults() throws ConfigException {
        TwilioOtpConfig config = ConfigFixtures.resolve(Map.of(
                Setting.RESEND_WAITS.key(), "0s",
                Setting.SEND_LIMIT_PER_NUMBER.key(), "2/10m",
                Setting.SEND_LIMIT_PER_USER.key(), "0",
                Setting.SEND_LIMIT_PER_IP.key(), "100/1d",
                Setting.MAX_SENDS_PER_LOGIN.key(), "3"));

        assertThat(config.resendWaits().waits()).containsExactly(Duration.ZERO);
        assertThat(config.sendLimits().perNumber()).isEqualTo(new RateLimit(2, Duration.ofMinutes(10)));
        assertThat(config.sendLimits().perUser().isOff()).isTrue();
        assertThat(config.sendLimits().perIp()).isEqualTo(new RateLimit(100, Duration.ofDays(1)));
        assertThat(config.sendLimits().perLogin()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
            "resendCooldownSeconds, -1",
            "resendCooldownSeconds, 601",
            "resendCooldownSeconds, soon",
            "resendWaits, 1m 30s",
            "resendWaits, 2h",
            "sendLimitPerNumber, 9",
            "sendLimitPerUser, 10 per hour",
            "sendLimitPerIp, 30/1y",
            "maxSendsPerLogin, -2",
            "maxSendsPerLogin, many",
    })
    void malformedValuesAreRefusedNamingTheSettingButNotTheValue(String setting, String value) {
        Map<String, String> own = new HashMap<>();
        own.put(setting, value);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.resolve(own));

        assertThat(e).isNotNull();
        assertThat(e.setting()).isEqualTo(setting);
        assertThat(e.getMessage()).contains(setting).doesNotContain(value);
    }
}
