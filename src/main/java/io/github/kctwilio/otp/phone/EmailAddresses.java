package io.github.kctwilio.otp.phone;

/** Shows an email address the way we show numbers: enough to recognise, too little to harvest. */
public final class EmailAddresses {

    private static final char MASK = '\u2022';

    private EmailAddresses() {
    }

    /** {@code jane.doe@example.org} becomes {@code j•••@example.org}. */
    public static String mask(String address) {
        if (address == null || address.isEmpty()) {
            return "";
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return String.valueOf(MASK).repeat(3);
        }
        return address.charAt(0) + String.valueOf(MASK).repeat(3) + address.substring(at);
    }
}
