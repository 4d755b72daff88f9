package io.github.kctwilio.otp.testsupport;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh users for each test, so that brute-force counters and Twilio traffic of one test never touch another. */
public final class TestUsers {

    public static final String PASSWORD = "Secret-pass-1";

    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

    private TestUsers() {
    }

    /** A valid US number in the fictional 555-01xx range, different for every call. */
    public static String newUsNumber() {
        return String.format("+1415555%04d", SEQUENCE.getAndIncrement());
    }

    /** Creates a user; {@code phone} null for a user without a phone number. Returns the user id. */
    public static String create(AdminApi admin, String realm, String username, String phone) {
        return admin.createUser(realm, username, PASSWORD, phone == null ? Map.of() : Map.of("phoneNumber", phone));
    }
}
