package io.github.kctwilio.otp.it.adversarial;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * The test's own statement of what the step must accept, written from the README rather than from the plugin's
 * code: a phone number is what libphonenumber accepts (default region US), at most 40 characters, without control
 * characters; a code is 4 to 10 digits of any script, spaces and dashes ignored. Everything else must be refused
 * on the form without a Twilio request.
 */
public final class InputRules {

    private static final PhoneNumberUtil LIBPHONENUMBER = PhoneNumberUtil.getInstance();

    private InputRules() {
    }

    /** The E.164 number a phone-form input must be sent to, or empty when it must be refused locally. */
    public static Optional<String> acceptedPhone(String input) {
        if (input == null || input.isBlank() || input.length() > 40 || input.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = LIBPHONENUMBER.parse(input, "US");
            return LIBPHONENUMBER.isValidNumber(number)
                    ? Optional.of(LIBPHONENUMBER.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The ASCII code a code-form input stands for, or empty when it cannot be a code. Digits are UTF-16 digit
     * characters, so a supplementary-plane digit (mathematical bold, U+1D7CE...) is not one.
     */
    public static Optional<String> wellFormedCode(String input) {
        if (input == null || input.length() > 32) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder();
        for (char c : input.toCharArray()) {
            if (Character.isWhitespace(c) || c == '-') {
                continue;
            }
            if (!Character.isDigit(c)) {
                return Optional.empty();
            }
            digits.append(Character.digit(c, 10));
        }
        return digits.length() >= 4 && digits.length() <= 10 ? Optional.of(digits.toString()) : Optional.empty();
    }

    /** The same digits in another script, given that script's zero (U+FF10 full-width, U+0660 Arabic-Indic, ...). */
    public static String inScript(String asciiDigits, int zero) {
        StringBuilder out = new StringBuilder();
        asciiDigits.chars().forEach(c -> out.appendCodePoint(Character.isDigit(c) ? zero + (c - '0') : c));
        return out.toString();
    }

    /** True when the input contains a non-ASCII digit (counted apart: such codes are valid, by design). */
    public static boolean hasUnicodeDigits(String input) {
        return input.codePoints().anyMatch(c -> c > 127 && Character.isDigit(c));
    }
}
