package io.github.kctwilio.otp.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    @Nested
    class ToE164 {

        @Test
        void readsInternationalFormatWithSpacesAndDashesWithoutRegion() {
            assertThat(PhoneNumbers.toE164("+1 415-555-0134", null)).contains("+14155550134");
        }

        @Test
        void readsUsNationalFormatWithDefaultRegion() {
            assertThat(PhoneNumbers.toE164("(415) 555-0134", "US")).contains("+14155550134");
        }

        @Test
        void readsGermanNationalMobileNumberWithTrunkPrefix() {
            assertThat(PhoneNumbers.toE164("0151 12345678", "DE")).contains("+4915112345678");
        }

        @ParameterizedTest
        @ValueSource(strings = {"us", " US ", "Us"})
        void acceptsRegionInAnyCaseAndWithSurroundingSpaces(String region) {
            assertThat(PhoneNumbers.toE164("(415) 555-0134", region)).contains("+14155550134");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "415.555.0134        | US | +14155550134",
                "+1 (415) 555 0134   | DE | +14155550134",
                "+44 7911 123456     | US | +447911123456",
                "00 1 415 555 0134   | DE | +14155550134",
                "011 44 7911 123456  | US | +447911123456",
                "'  +14155550134  '  |    | +14155550134",
        })
        void normalisesCommonWaysOfWritingANumber(String input, String region, String expected) {
            assertThat(PhoneNumbers.toE164(input, region)).contains(expected);
        }

        @Test
        void explicitCountryCodeWinsOverDefaultRegion() {
            assertThat(PhoneNumbers.toE164("+49 151 12345678", "US")).contains("+4915112345678");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void refusesNationalNumberWithoutPlusWhenNoRegionIsGiven(String region) {
            assertThat(PhoneNumbers.toE164("4155550134", region)).isEmpty();
            assertThat(PhoneNumbers.toE164("(415) 555-0134", region)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "+1 415 555 01345",   // one digit too many for NANP
                "+1415555013",        // one digit too few
                "+999 123",           // no such country code
                "+49 123",            // too short for Germany
                "+1 415 555 0134 / 0135",
                "12",
                "0",
        })
        void refusesInvalidNumbers(String input) {
            assertThat(PhoneNumbers.toE164(input, "US")).isEmpty();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\u2003"})
        void refusesNullAndBlankInput(String input) {
            assertThat(PhoneNumbers.toE164(input, "US")).isEmpty();
        }

        @Test
        void refusesTenKilobyteInput() {
            assertThat(PhoneNumbers.toE164("+1" + "4".repeat(10_240), null)).isEmpty();
            assertThat(PhoneNumbers.toE164("+14155550134".repeat(1_000), null)).isEmpty();
            assertThat(PhoneNumbers.toE164("+14155550134" + " ".repeat(10_240), null)).isEmpty();
        }

        @Test
        void acceptsInputOfExactlyMaxLengthAndRefusesOneCharacterMore() {
            String number = "+1 415 555 0134";
            String atLimit = number + " ".repeat(PhoneNumbers.MAX_INPUT_LENGTH - number.length());
            assertThat(atLimit).hasSize(PhoneNumbers.MAX_INPUT_LENGTH);

            assertThat(PhoneNumbers.toE164(atLimit, null)).contains("+14155550134");
            assertThat(PhoneNumbers.toE164(atLimit + " ", null)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "+1415555\u00000134",
                "+14155550134\n",
                "+14155550134\r\nX-Injected: yes",
                "\t+14155550134",
                "+1415\u001b[31m5550134",
                "+14155550134\u0085",
                "+14155550134\u007f",
        })
        void refusesInputWithControlCharacters(String input) {
            assertThat(PhoneNumbers.toE164(input, "US")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "phone", "+1415555013a", "+1 415 555 O134x1", "not a number"})
        void refusesLetters(String input) {
            assertThat(PhoneNumbers.toE164(input, "US")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "<b>+14155550134</b>",
                "<script>alert(1)</script>",
                "<script>alert(1)</script>+14155550134",
                "+1 415 555 0134 <script>",
                "+14155550134<br>",
                "&#43;14155550134",
                "\"><img src=x onerror=alert(1)>",
        })
        void refusesHtml(String input) {
            assertThat(PhoneNumbers.toE164(input, "US")).isEmpty();
        }

        @Test
        void readsFullWidthDigits() {
            assertThat(PhoneNumbers.toE164("\uff0b\uff11 \uff14\uff11\uff15 \uff15\uff15\uff15 \uff10\uff11\uff13\uff14", null))
                    .contains("+14155550134");
        }

        @ParameterizedTest
        @ValueSource(strings = {"+1 415-555-0134", "(415) 555-0134", "tel:+1-415-555-0134", "+١٤١٥٥٥٥٠١٣٤"})
        void acceptedNumbersComeOutAsPlainE164(String input) {
            Optional<String> result = PhoneNumbers.toE164(input, "US");
            assertThat(result).hasValueSatisfying(number -> assertThat(number).matches(E164));
        }

        /** Whether these are accepted is a product decision; what must never happen is junk reaching the result. */
        @ParameterizedTest
        @ValueSource(strings = {
                "+1415\u200b5550134", "\u202e+14155550134", "javascript:+14155550134", "+14155550134 ext. 12",
                "++14155550134", "+1 415 555 0134;phone-context=x", "+1 415 555 FOOD", "+1 (415) 555-0134 x99",
                "+1 415 555 0134 <", "'; DROP TABLE users; --", "${jndi:ldap://x}",
        })
        void neverReturnsAnythingButE164ForOddInput(String input) {
            Optional<String> result = PhoneNumbers.toE164(input, "US");
            assertThat(result.orElse("+10000000000")).matches(E164);
        }
    }

    @Nested
    class CostlyNumbers {

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(strings = {"+1 900 555 0123", "+44 909 879 0000", "+49 900 1 234567"})
        void premiumRateNumbersAreRefusedAsSmsPumpingTargets(String input) {
            assertThat(PhoneNumbers.toE164(input, null)).isEmpty();
        }

        @Test
        void ordinaryMobileNumbersStillPass() {
            assertThat(PhoneNumbers.toE164("+49 151 12345678", null)).contains("+4915112345678");
        }
    }

    @Nested
    class KnownE164 {

        @Test
        void aStoredValidE164NumberIsItself() {
            assertThat(PhoneNumbers.knownE164("+14155550134")).contains("+14155550134");
            assertThat(PhoneNumbers.knownE164("+14155550134")).as("asked again, from the table").contains("+14155550134");
        }

        @ParameterizedTest
        @ValueSource(strings = {"+1 415-555-0134", "4155550134", "+1415555", "+19005550123", "not a number"})
        void aStoredValueThatIsNotExactlyAValidUsableE164NumberIsNothingAlsoWhenAskedAgain(String stored) {
            assertThat(PhoneNumbers.knownE164(stored)).isEmpty();
            assertThat(PhoneNumbers.knownE164(stored)).isEmpty();
        }

        @Test
        void nullIsNothing() {
            assertThat(PhoneNumbers.knownE164(null)).isEmpty();
        }

        @Test
        void theRegionOfAKnownNumberIsTheSameAsParsedAnew() {
            assertThat(PhoneNumbers.knownE164("+4915112345678")).contains("+4915112345678");
            assertThat(PhoneNumbers.regionOf("+4915112345678")).contains("DE");
            assertThat(PhoneNumbers.knownE164("+14155550134")).contains("+14155550134");
            assertThat(PhoneNumbers.regionOf("+14155550134")).contains("US");
        }

        @Test
        void theTableOfVerdictsStaysBounded() {
            for (int i = 0; i <= PhoneNumbers.MAX_KNOWN; i++) {
                PhoneNumbers.knownE164("+1415555" + i);
            }
            assertThat(PhoneNumbers.knownNumbers()).isBetween(1, PhoneNumbers.MAX_KNOWN);
            assertThat(PhoneNumbers.knownE164("+14155550134")).contains("+14155550134");
        }
    }

    @Nested
    class Mask {

        @Test
        void showsOnlyLastFourDigitsOfANormalNumber() {
            assertThat(PhoneNumbers.mask("+14155550134")).isEqualTo("\u2022".repeat(7) + "0134");
        }

        @Test
        void hidesEveryDigitButTheLastFourOfALongNumber() {
            assertThat(PhoneNumbers.mask("+4915112345678")).isEqualTo("\u2022".repeat(9) + "5678");
        }

        @Test
        void dropsFormattingCharacters() {
            assertThat(PhoneNumbers.mask("+1 (415) 555-0134")).isEqualTo("\u2022".repeat(7) + "0134");
        }

        @Test
        void showsFourDigitsFromEightDigitsOn() {
            assertThat(PhoneNumbers.mask("12345678")).isEqualTo("\u2022\u2022\u2022\u20225678");
        }

        @Test
        void showsOnlyTwoDigitsOfShortNumbers() {
            assertThat(PhoneNumbers.mask("+6834002")).isEqualTo("\u2022".repeat(5) + "02");
            assertThat(PhoneNumbers.mask("12345")).isEqualTo("\u2022\u2022\u202245");
            assertThat(PhoneNumbers.mask("1234567")).isEqualTo("\u2022".repeat(5) + "67");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void returnsEmptyStringForNullAndEmpty(String number) {
            assertThat(PhoneNumbers.mask(number)).isEmpty();
        }

        @Test
        void treatsOnlyZeroToNineAsDigits() {
            // Arabic-Indic digits are no digits here, as they were for \D: only the final 9 is shown.
            assertThat(PhoneNumbers.mask("\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u06689")).isEqualTo("9");
        }

        @Test
        void returnsEmptyStringWhenThereAreNoDigits() {
            assertThat(PhoneNumbers.mask("+ ( ) -")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"+14155550134", "+4915112345678", "+447911123456", "+861381234567890"})
        void keepsTheLengthAndRevealsNoMoreThanFourDigits(String number) {
            String masked = PhoneNumbers.mask(number);
            assertThat(masked).hasSize(number.length() - 1);
            assertThat(masked.replaceAll("\\D", "")).hasSize(4);
            assertThat(number).endsWith(masked.replace("\u2022", ""));
        }
    }

    @Nested
    class IsSupportedRegion {

        @ParameterizedTest
        @ValueSource(strings = {"US", "DE", "GB", "de", " fr ", "Jp"})
        void acceptsKnownRegionsInAnyCase(String region) {
            assertThat(PhoneNumbers.isSupportedRegion(region)).isTrue();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"XX", "ZZ", "USA", "001", "U S", "1", "  ", "EU", "UK"})
        void refusesUnknownRegionsAndNonGeographicEntities(String region) {
            assertThat(PhoneNumbers.isSupportedRegion(region)).isFalse();
        }
    }
}
