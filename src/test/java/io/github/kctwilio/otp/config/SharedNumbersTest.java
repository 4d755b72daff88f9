package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedNumbersTest {

    @Test
    void offUnlessTheRealmTurnsItOn() throws ConfigException {
        assertThat(SharedNumbers.refused(null)).isFalse();
        assertThat(SharedNumbers.refused(Map.of())).isFalse();
        assertThat(SharedNumbers.refused(Map.of(Setting.ONE_ACCOUNT_PER_NUMBER.key(), "false"))).isFalse();
        assertThat(SharedNumbers.refused(Map.of(Setting.ONE_ACCOUNT_PER_NUMBER.key(), " TRUE "))).isTrue();
    }

    @Test
    void aMalformedValueNamesTheSetting() {
        assertThatThrownBy(() -> SharedNumbers.refused(Map.of(Setting.ONE_ACCOUNT_PER_NUMBER.key(), "yes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(Setting.ONE_ACCOUNT_PER_NUMBER.key());
    }
}
