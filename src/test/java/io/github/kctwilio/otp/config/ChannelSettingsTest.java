package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.TransportSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The offered channels of an execution, as the admin console stores them. */
class ChannelSettingsTest {

    private static final ServerSettings SERVER = new ServerSettings("AC0123456789abcdef0123456789abcdef", "token",
            "VA0123456789abcdef0123456789abcdef",
            new TransportSettings(URI.create("https://verify.twilio.com"), Duration.ofSeconds(2), Duration.ofSeconds(5)));

    private static TwilioOtpConfig resolve(Map<String, String> own) throws ConfigException {
        return TwilioOtpConfig.resolve(own, SERVER, Optional::of);
    }

    @Test
    void smsAndVoiceAreOfferedByDefault() throws ConfigException {
        assertThat(resolve(Map.of()).channels()).containsExactly(Channel.SMS, Channel.CALL);
    }

    @Test
    void readsTheAdminConsolesMultiValuedFormatAndCommas() throws ConfigException {
        assertThat(resolve(Map.of(ExecutionSettings.CHANNELS, "sms##whatsapp##email")).channels())
                .containsExactly(Channel.SMS, Channel.WHATSAPP, Channel.EMAIL);
        assertThat(resolve(Map.of(ExecutionSettings.CHANNELS, "call, sms")).channels()).containsExactly(Channel.SMS, Channel.CALL);
    }

    @Test
    void theDefaultChannelIsAlwaysOfferedAndComesFirst() throws ConfigException {
        TwilioOtpConfig config = resolve(Map.of(ExecutionSettings.DEFAULT_CHANNEL, "whatsapp", ExecutionSettings.CHANNELS, "sms##call"));

        assertThat(config.defaultChannel()).isEqualTo(Channel.WHATSAPP);
        assertThat(config.channels()).containsExactly(Channel.WHATSAPP, Channel.SMS, Channel.CALL);
    }

    @Test
    void unknownChannelNamesAreRefusedNamingTheSetting() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> resolve(Map.of(ExecutionSettings.CHANNELS, "sms##pigeon")));

        assertThat(e.setting()).isEqualTo(ExecutionSettings.CHANNELS);
        assertThat(e.getMessage()).doesNotContain("pigeon");
    }
}
