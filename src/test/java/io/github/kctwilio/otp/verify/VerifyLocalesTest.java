package io.github.kctwilio.otp.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerifyLocalesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "en, en", "de, de", "de-AT, de", "fr-CA, fr", "es, es", "it, it", "pt-BR, pt-BR", "pt-PT, pt", "pt, pt",
            "nl, nl", "pl, pl", "ja, ja", "tr, tr", "sv, sv", "en-GB, en-GB", "en-US, en",
            "zh-CN, zh-CN", "zh-Hans, zh-CN", "zh-TW, zh-HK", "zh-Hant, zh-HK", "zh, zh-CN",
            "no, nb", "nb, nb", "he, he", "kk, en", "eu, en", "uk, en",
    })
    void mapsKeycloakLocalesOntoVerifyLocalesWithEnglishAsFallback(String keycloak, String verify) {
        assertThat(VerifyLocales.forLocale(Locale.forLanguageTag(keycloak))).isEqualTo(verify);
    }

    @org.junit.jupiter.api.Test
    void noLocaleMeansEnglish() {
        assertThat(VerifyLocales.forLocale(null)).isEqualTo("en");
        assertThat(VerifyLocales.forLocale(Locale.ROOT)).isEqualTo("en");
    }
}
