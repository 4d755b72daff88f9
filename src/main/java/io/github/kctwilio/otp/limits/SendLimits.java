package io.github.kctwilio.otp.limits;

import java.util.Objects;

/**
 * The caps on sends, each over its own window. Defaults sit below Twilio's own limits (5 sends per number per
 * 10-minute verification) so that a pumping bot hits ours first and pays nothing.
 *
 * @param perNumber sends to one phone number: the owner's own sign-ins count on their own, anyone else per number
 *                  and client address ({@link SendRequest})
 * @param perUser   sends for one account, to whatever number (not for password resets: those prove no account)
 * @param perIp     sends asked from one client address (IPv6: one /64)
 * @param perLogin  sends within one sign-in (one authentication session, across "Use another number" and going back
 *                  to the login); 0 for no cap
 */
public record SendLimits(RateLimit perNumber, RateLimit perUser, RateLimit perIp, int perLogin) {

    /** A person who misses a code asks again once or twice; five an hour to one number leaves room for that. */
    public static final String DEFAULT_PER_NUMBER = "5/1h";
    /** An account may hold a number and enter a new one in the same hour; ten covers both. */
    public static final String DEFAULT_PER_USER = "10/1h";
    /** Offices and mobile carriers put many users behind one address; thirty an hour still stops a bot. */
    public static final String DEFAULT_PER_IP = "30/1h";
    /** Twilio allows five sends per verification; we stop a single login at the same number. */
    public static final int DEFAULT_PER_LOGIN = 5;
    /**
     * The realm-wide ceiling on sends anyone can cause (new numbers, signup, resets): five a minute on average is far
     * above what real sign-ups and resets of most realms need, and far below what a pumping bot wants.
     */
    public static final String DEFAULT_PER_REALM = "300/1h";

    public SendLimits {
        Objects.requireNonNull(perNumber, "perNumber");
        Objects.requireNonNull(perUser, "perUser");
        Objects.requireNonNull(perIp, "perIp");
    }

    public static SendLimits defaults() {
        return new SendLimits(RateLimit.parse(DEFAULT_PER_NUMBER).orElseThrow(), RateLimit.parse(DEFAULT_PER_USER).orElseThrow(),
                RateLimit.parse(DEFAULT_PER_IP).orElseThrow(), DEFAULT_PER_LOGIN);
    }
}
