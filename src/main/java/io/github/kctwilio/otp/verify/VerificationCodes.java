package io.github.kctwilio.otp.verify;

import java.util.Optional;

/** What a Verify code looks like, so that input which cannot be a code never costs a Twilio request. */
public final class VerificationCodes {

    /** Verify codes are 4 to 10 digits; longer input is refused before any work is done on it. */
    private static final int MIN_DIGITS = 4;
    private static final int MAX_DIGITS = 10;
    private static final int MAX_INPUT_LENGTH = 32;

    private VerificationCodes() {
    }

    /**
     * Returns the code as ASCII digits, tolerating the spaces and dashes people type and any script's
     * digits (a full-width ３ is a 3); empty when the input cannot be a code.
     */
    public static Optional<String> normalize(String input) {
        if (input == null || input.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder(MAX_DIGITS);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            // Pasted codes come with all kinds of spaces (no-break ones too) and dashes.
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '-' || c == '\u2010' || c == '\u2013') {
                continue;
            }
            int digit = Character.digit(c, 10);
            if (digit < 0 || !Character.isDigit(c)) {
                return Optional.empty();
            }
            digits.append((char) ('0' + digit));
        }
        return digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS ? Optional.of(digits.toString()) : Optional.empty();
    }
}
