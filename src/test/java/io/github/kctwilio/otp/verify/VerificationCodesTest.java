package io.github.kctwilio.otp.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VerificationCodesTest {

    @Test
    void keepsPlainAsciiCode() {
        assertThat(VerificationCodes.normalize("123456")).contains("123456");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123 456", "123-456", " 123456 ", "12 34-56", "1 2 3 4 5 6", "123\t456", "--123456--", "123\u3000456"})
    void toleratesSpacesAndDashes(String typed) {
        assertThat(VerificationCodes.normalize(typed)).contains("123456");
    }

    @ParameterizedTest
    @CsvSource({
            "\uff11\uff12\uff13\uff14\uff15\uff16, full-width",
            "\u0661\u0662\u0663\u0664\u0665\u0666, Arabic-Indic",
            "\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6, extended Arabic-Indic (Persian)",
            "\u0967\u0968\u0969\u096a\u096b\u096c, Devanagari",
            "12\uff13\u0664 5\u0666, mixed scripts",
    })
    void convertsDigitsOfOtherScriptsToAscii(String typed, String script) {
        assertThat(VerificationCodes.normalize(typed)).as(script).contains("123456");
    }

    @Test
    void convertsFullWidthCodeWithSpaces() {
        assertThat(VerificationCodes.normalize("\uff10\uff10\uff17 \uff18\uff19\uff10")).contains("007890");
    }

    @Test
    void keepsLeadingZeros() {
        assertThat(VerificationCodes.normalize("0000")).contains("0000");
    }

    @Test
    void acceptsFourToTenDigits() {
        assertThat(VerificationCodes.normalize("1234")).contains("1234");
        assertThat(VerificationCodes.normalize("1234567890")).contains("1234567890");
        assertThat(VerificationCodes.normalize("12 34 56 78 90")).contains("1234567890");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "1-2-3", "1", "12 3"})
    void refusesFewerThanFourDigits(String typed) {
        assertThat(VerificationCodes.normalize(typed)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901", "1234 5678 901", "123456789012345678901234567890"})
    void refusesMoreThanTenDigits(String typed) {
        assertThat(VerificationCodes.normalize(typed)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12a456", "abcdef", "12345O", "I23456", "123.456", "+123456", "123_456", "123456!", "<b>123456</b>"})
    void refusesLettersAndOtherSymbols(String typed) {
        assertThat(VerificationCodes.normalize(typed)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00b9\u00b2\u00b3\u2074\u2075\u2076", "\u2460\u2461\u2462\u2463\u2464\u2465", "\u2160\u2161\u2162\u2163"})
    void refusesCharactersThatOnlyLookLikeDigits(String typed) {
        // superscripts, circled digits and Roman numerals are numbers but not decimal digits
        assertThat(VerificationCodes.normalize(typed)).isEmpty();
    }

    @Test
    void refusesDigitsOutsideTheBasicMultilingualPlane() {
        // MATHEMATICAL BOLD DIGIT ONE..SIX, each a surrogate pair
        String boldDigits = new StringBuilder()
                .appendCodePoint(0x1D7CF).appendCodePoint(0x1D7D0).appendCodePoint(0x1D7D1)
                .appendCodePoint(0x1D7D2).appendCodePoint(0x1D7D3).appendCodePoint(0x1D7D4).toString();
        assertThat(VerificationCodes.normalize(boldDigits)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "----", " - - "})
    void refusesNullAndInputWithoutDigits(String typed) {
        assertThat(VerificationCodes.normalize(typed)).isEmpty();
    }

    @Test
    void refusesVeryLongInput() {
        assertThat(VerificationCodes.normalize("1".repeat(10_240))).isEmpty();
        assertThat(VerificationCodes.normalize(" ".repeat(10_240) + "123456")).isEmpty();
        assertThat(VerificationCodes.normalize("123456" + "-".repeat(100_000))).isEmpty();
    }

    @Test
    void resultIsAlwaysAsciiDigits() {
        for (String typed : new String[] {"１２３４５６", "١٢٣٤٥٦", "12 34-56", "۱۲۳۴"}) {
            assertThat(VerificationCodes.normalize(typed)).hasValueSatisfying(code -> assertThat(code).matches("[0-9]{4,10}"));
        }
    }

    @org.junit.jupiter.api.Test
    void codesPastedWithNoBreakSpacesOrEnDashesAreRead() {
        assertThat(VerificationCodes.normalize("123\u00a0456")).contains("123456");
        assertThat(VerificationCodes.normalize("123\u202f456")).contains("123456");
        assertThat(VerificationCodes.normalize("123\u2013456")).contains("123456");
    }
}
