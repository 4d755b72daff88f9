package io.github.kctwilio.otp.testsupport;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh users for each test, so that brute-force counters and Twilio traffic of one test never touch another. */
public final class TestUsers {

    public static final String PASSWORD = "Secret-pass-1";

    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);
    private static final List<String> ISSUED = new CopyOnWriteArrayList<>();

    private TestUsers() {
    }

    /** A valid US number in the fictional 555-01xx range, different for every call. */
    public static String newUsNumber() {
        String number = String.format("+1415555%04d", SEQUENCE.getAndIncrement());
        ISSUED.add(number);
        return number;
    }

    /**
     * Waits as long as a person takes to type a code again after a wrong one. Keycloak's brute-force "quick login
     * check" locks an account for a minute when two attempts come within a second; Keycloak 26.3 to 26.5 were seen
     * counting a right code right after a wrong one that way (26.7 does not). People are never that fast.
     */
    public static void typingPause() throws InterruptedException {
        Thread.sleep(1100);
    }

    /** A well-formed code that is not this one: a person's typo. */
    public static String otherCodeThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    /** Every number handed out in this run, for the scan that proves none of them reached a log or an event. */
    public static List<String> issuedNumbers() {
        return List.copyOf(ISSUED);
    }

    /**
     * Creates a user with a fresh name, the address {@code <name>@example.org} and this number as its phone attribute
     * (null for none); returns the name.
     */
    public static String newUser(AdminApi admin, String realm, String phone) {
        String username = freshName();
        create(admin, realm, username, phone);
        return username;
    }

    /** As {@link #newUser}, without an email address. */
    public static String newUserWithoutEmail(AdminApi admin, String realm, String phone) {
        String username = freshName();
        admin.createUser(realm, username, PASSWORD, phone == null ? Map.of() : Map.of("phoneNumber", phone), null);
        return username;
    }

    /** Creates a user with a password and phone credentials for these numbers (main first); returns the name. */
    public static String newUserWithPhones(AdminApi admin, String realm, String... phones) {
        String username = freshName();
        admin.createUser(realm, username, PASSWORD, Map.of(), username + "@example.org", List.of(phones));
        return username;
    }

    /** Creates a user; {@code phone} null for a user without a phone number. Returns the user id. */
    public static String create(AdminApi admin, String realm, String username, String phone) {
        return admin.createUser(realm, username, PASSWORD, phone == null ? Map.of() : Map.of("phoneNumber", phone));
    }

    private static String freshName() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }
}
