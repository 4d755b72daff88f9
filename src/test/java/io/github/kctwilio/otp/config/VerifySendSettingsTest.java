package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kctwilio.otp.verify.SendOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verify's send options as the admin sets them: blank leaves Twilio's defaults, malformed values are named. */
class VerifySendSettingsTest {

    private static final String TEMPLATE = "HJ" + "0123456789ABCDEF".repeat(2);

    @Test
    void blankSettingsLeaveEverythingToTwilio() throws Exception {
        assertThat(VerifySendSettings.resolve(null)).isEqualTo(SendOptions.TWILIO_DEFAULTS);
        assertThat(VerifySendSettings.resolve(Map.of(Setting.RISK_CHECK.key(), " ", Setting.TEMPLATE_SID.key(), "")))
                .isEqualTo(SendOptions.TWILIO_DEFAULTS);
    }

    @Test
    void everySettingIsRead() throws Exception {
        SendOptions options = VerifySendSettings.resolve(Map.of(Setting.RISK_CHECK.key(), "Enable",
                Setting.TEMPLATE_SID.key(), " " + TEMPLATE + " ", Setting.APP_HASH.key(), "He42w354ol9"));

        assertThat(options).isEqualTo(new SendOptions(SendOptions.RiskCheck.ENABLE, TEMPLATE, "He42w354ol9"));
    }

    @Test
    void defaultIsTwilioDefault() throws Exception {
        assertThat(VerifySendSettings.resolve(Map.of(Setting.RISK_CHECK.key(), "default")).riskCheck())
                .isEqualTo(SendOptions.RiskCheck.TWILIO_DEFAULT);
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "riskCheck   | disable | cannot be disable",
            "riskCheck   | off     | must be default",
            "templateSid | HJ123   | must be HJ followed by 32 hexadecimal characters",
            "templateSid | VA0123456789abcdef0123456789abcdef | must be HJ followed by 32 hexadecimal characters",
            "appHash     | short   | 11-character hash"})
    void malformedSettingsAreNamedWithWhatTheyMustBe(String setting, String value, String message) {
        assertThatThrownBy(() -> VerifySendSettings.resolve(Map.of(setting, value)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(setting);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
