package io.github.kctwilio.otp.emulator;

import java.util.Random;

/** Twilio SIDs: a two-letter type prefix and 32 lower-case hex digits (VE verification, VL attempt, RQ request). */
final class Sids {

    private Sids() {
    }

    static String random(String prefix, Random random) {
        StringBuilder sb = new StringBuilder(prefix.length() + 32).append(prefix);
        for (int i = 0; i < 32; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    static boolean isSid(String prefix, String value) {
        return value != null && value.length() == 34 && value.startsWith(prefix)
                && value.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
