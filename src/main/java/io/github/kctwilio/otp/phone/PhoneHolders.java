package io.github.kctwilio.otp.phone;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who may sign in with a phone number: exactly one enabled, unlocked account that holds it as a phone credential.
 * Candidates come from an index that anyone may write to (the attribute mirror of the main number); only the
 * credentials decide, so an account that merely shows someone's number in an attribute is never a holder.
 */
public final class PhoneHolders {

    /**
     * Candidates read at most: an index value shared by more accounts than this (a realm where users edit the attribute
     * and someone filled it with one number) is not read further; the number then signs nobody in.
     */
    public static final int MAX_CANDIDATES = 20;

    /** Why a number signs somebody in, or why not. */
    public enum Verdict {
        /** One enabled, unlocked account holds it: the code goes to it. */
        ONE_ACCOUNT,
        /** No account holds it. */
        NO_ACCOUNT,
        /** Several accounts hold it (or too many candidates to tell): nobody's sign-in. */
        SEVERAL_ACCOUNTS,
        /** The one account holding it is disabled. */
        DISABLED,
        /** The one account holding it is locked by brute-force protection. */
        LOCKED
    }

    /** An account the index offered, with what its credentials say. */
    public interface Candidate {
        String id();

        /** The E.164 numbers of the account's phone credentials. */
        List<String> credentialNumbers();

        boolean enabled();

        /** Asked only of the one holder: a brute-force lookup. */
        boolean locked();
    }

    /** @param holder the account the code goes to; present only for {@link Verdict#ONE_ACCOUNT} */
    public record Found(Verdict verdict, Optional<String> holder) {

        public boolean getsCode() {
            return verdict == Verdict.ONE_ACCOUNT;
        }
    }

    private PhoneHolders() {
    }

    /**
     * @param number     E.164 number that was typed
     * @param candidates what the index offered, in any order; read up to {@link #MAX_CANDIDATES} + 1
     */
    public static Found find(String number, Iterable<? extends Candidate> candidates) {
        List<Candidate> holders = new ArrayList<>(2);
        int read = 0;
        for (Candidate candidate : candidates) {
            if (++read > MAX_CANDIDATES) {
                return new Found(Verdict.SEVERAL_ACCOUNTS, Optional.empty());
            }
            if (candidate.credentialNumbers().contains(number)) {
                holders.add(candidate);
            }
        }
        if (holders.isEmpty()) {
            return new Found(Verdict.NO_ACCOUNT, Optional.empty());
        }
        if (holders.size() > 1) {
            return new Found(Verdict.SEVERAL_ACCOUNTS, Optional.empty());
        }
        Candidate holder = holders.get(0);
        if (!holder.enabled()) {
            return new Found(Verdict.DISABLED, Optional.empty());
        }
        if (holder.locked()) {
            return new Found(Verdict.LOCKED, Optional.empty());
        }
        return new Found(Verdict.ONE_ACCOUNT, Optional.of(holder.id()));
    }

    /** True when an account other than {@code self} holds the number (the rule "One account per phone number"). */
    public static boolean heldByAnother(String number, String self, Iterable<? extends Candidate> candidates) {
        Predicate<Candidate> other = c -> !c.id().equals(self) && c.credentialNumbers().contains(number);
        for (Candidate candidate : candidates) {
            if (other.test(candidate)) {
                return true;
            }
        }
        return false;
    }
}
