package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.kctwilio.otp.verify.Channel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offered channels of an execution, as the admin console stores them. */
class ChannelSettingsTest {

    @Test
    void smsAndVoiceAreOfferedByDefault() throws ConfigException {
        assertThat(ConfigFixtures.resolve(Map.of()).channels()).containsExactly(Channel.SMS, Channel.CALL);
    }

    @Test
    void readsTheAdminConsolesMultiValuedFormatAndCommas() throws ConfigException {
        assertThat(ConfigFixtures.resolve(Map.of(Setting.CHANNELS.key(), "sms##whatsapp##email")).channels())
                .containsExactly(Channel.SMS, Channel.WHATSAPP, Channel.EMAIL);
        assertThat(ConfigFixtures.resolve(Map.of(Setting.CHANNELS.key(), "call, sms")).channels()).containsExactly(Channel.SMS, Channel.CALL);
    }

    @Test
    void theDefaultChannelIsAlwaysOfferedAndComesFirst() throws ConfigException {
        TwilioOtpConfig config = ConfigFixtures.resolve(Map.of(Setting.DEFAULT_CHANNEL.key(), "whatsapp", Setting.CHANNELS.key(), "sms##call"));

        assertThat(config.defaultChannel()).isEqualTo(Channel.WHATSAPP);
        assertThat(config.channels()).containsExactly(Channel.WHATSAPP, Channel.SMS, Channel.CALL);
    }

    @Test
    void unknownChannelNamesAreRefusedNamingTheSetting() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.resolve(Map.of(Setting.CHANNELS.key(), "sms##pigeon")));

        assertThat(e.setting()).isEqualTo(Setting.CHANNELS.key());
        assertThat(e.getMessage()).doesNotContain("pigeon");
    }
}
