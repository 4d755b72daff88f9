package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SignupSettingsTest {

    @Test
    void withoutConfigANumberIsRequiredAndNumbersMustCarryTheirCountryCode() throws ConfigException {
        assertThat(SignupSettings.resolve(null, null)).isEqualTo(new SignupSettings(true, null));
    }

    @Test
    void theRequiredActionsDefaultRegionAppliesWhenTheFormActionSetsNone() throws ConfigException {
        assertThat(SignupSettings.resolve(Map.of(), Map.of(Setting.DEFAULT_REGION.key(), "de")))
                .isEqualTo(new SignupSettings(true, "DE"));
        assertThat(SignupSettings.resolve(Map.of(Setting.DEFAULT_REGION.key(), " us "), Map.of(Setting.DEFAULT_REGION.key(), "DE")))
                .isEqualTo(new SignupSettings(true, "US"));
    }

    @Test
    void aBlankNumberMayBeAllowedExplicitly() throws ConfigException {
        assertThat(SignupSettings.resolve(Map.of(Setting.PHONE_REQUIRED.key(), "false"), null).phoneRequired()).isFalse();
        assertThat(SignupSettings.resolve(Map.of(Setting.PHONE_REQUIRED.key(), "TRUE"), null).phoneRequired()).isTrue();
    }

    @Test
    void malformedSettingsAreNamed() {
        assertThatThrownBy(() -> SignupSettings.resolve(Map.of(Setting.PHONE_REQUIRED.key(), "yes please"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'phoneRequired'");
        assertThatThrownBy(() -> SignupSettings.resolve(Map.of(Setting.DEFAULT_REGION.key(), "Narnia"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'defaultRegion'");
        assertThatThrownBy(() -> SignupSettings.resolve(null, Map.of(Setting.DEFAULT_REGION.key(), "XX")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'defaultRegion'");
    }
}
