package io.github.kctwilio.otp.limits;

import java.util.Locale;

/**
 * One send to count, and who asked for it, which decides whose allowances it uses. Only the owner of an account,
 * past the password, draws on the allowance of the number itself; anyone else is counted per number <em>and</em>
 * client address, so that a stranger cannot use up the sends of the owner's own sign-in.
 *
 * @param kind          who asked
 * @param target        where the code goes (an E.164 number, or an email address for the email channel); for the
 *                      reset decoy, the name that was typed
 * @param userId        the account asking; null for a password reset (the requester has proved nothing)
 * @param clientAddress the client's address; null when unknown
 */
public record SendRequest(Kind kind, String target, String userId, String clientAddress) {

    /** Who asked for a send. */
    public enum Kind {
        /** The account holder past the password (sign-in, step-up), to the number on file. */
        OWNER,
        /** A number typed for an account (the required action, signup): not proven yet, so it may be anyone's. */
        NEW_NUMBER,
        /** Anyone who typed a name on "Forgot password": not even the account is proven. */
        RESET
    }

    public static SendRequest owner(String target, String userId, String clientAddress) {
        return new SendRequest(Kind.OWNER, target, userId, clientAddress);
    }

    public static SendRequest newNumber(String target, String userId, String clientAddress) {
        return new SendRequest(Kind.NEW_NUMBER, target, userId, clientAddress);
    }

    public static SendRequest reset(String target, String clientAddress) {
        return new SendRequest(Kind.RESET, target, null, clientAddress);
    }

    /**
     * A reset that sends nothing (unknown name, account without a number), counted like a real one: keyed by the
     * typed name where a real reset is keyed by the number, so that "too many codes" comes after the same count.
     */
    public static SendRequest resetDecoy(String typedName, String clientAddress) {
        String name = typedName == null ? "" : typedName.trim().toLowerCase(Locale.ROOT);
        return new SendRequest(Kind.RESET, "name:" + name, null, clientAddress);
    }
}
