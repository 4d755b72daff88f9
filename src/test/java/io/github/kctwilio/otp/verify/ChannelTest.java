package io.github.kctwilio.otp.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelTest {

    @Test
    void wireNamesAreTheOnesTwilioExpects() {
        assertThat(Arrays.stream(Channel.values()).map(Channel::wireName))
                .containsExactly("sms", "call", "whatsapp", "email");
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void readsEveryChannelBackFromItsWireName(Channel channel) {
        assertThat(Channel.fromWireName(channel.wireName())).contains(channel);
    }

    @ParameterizedTest
    @CsvSource({"SMS, SMS", "' Call ', CALL", "WhatsApp, WHATSAPP", "'email\t', EMAIL"})
    void ignoresCaseAndSurroundingWhitespace(String value, Channel expected) {
        assertThat(Channel.fromWireName(value)).contains(expected);
    }

    @Test
    void ignoresTheDefaultLocaleWhenLowerCasing() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(Channel.fromWireName("WHATSAPP")).contains(Channel.WHATSAPP);
            assertThat(Channel.fromWireName("EMAIL")).contains(Channel.EMAIL);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "sna", "auto", "voice", "text", "SMS_", "s m s", "whats app", "e-mail", "SMS,call"})
    void refusesUnknownOrMissingNames(String value) {
        assertThat(Channel.fromWireName(value)).isEmpty();
    }
}
