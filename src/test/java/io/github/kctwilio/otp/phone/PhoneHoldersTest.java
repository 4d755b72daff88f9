package io.github.kctwilio.otp.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.phone.PhoneHolders.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PhoneHoldersTest {

    private static final String NUMBER = "+14155550134";
    private static final String OTHER = "+14155550199";

    /** A candidate account; counts how often its lock status was asked for. */
    private record Account(String id, List<String> credentialNumbers, boolean enabled, boolean isLocked, AtomicInteger lockQueries)
            implements PhoneHolders.Candidate {

        static Account holding(String id, String... numbers) {
            return new Account(id, List.of(numbers), true, false, new AtomicInteger());
        }

        Account disabled() {
            return new Account(id, credentialNumbers, false, isLocked, lockQueries);
        }

        Account lockedOut() {
            return new Account(id, credentialNumbers, enabled, true, lockQueries);
        }

        @Override
        public boolean locked() {
            lockQueries.incrementAndGet();
            return isLocked;
        }
    }

    @Test
    void theOneEnabledUnlockedAccountHoldingTheNumberAsACredentialGetsTheCode() {
        PhoneHolders.Found found = PhoneHolders.find(NUMBER, List.of(Account.holding("a", OTHER, NUMBER)));
        assertThat(found.verdict()).isEqualTo(Verdict.ONE_ACCOUNT);
        assertThat(found.getsCode()).isTrue();
        assertThat(found.holder()).contains("a");
    }

    @Test
    void anAccountWhoseAttributeShowsTheNumberButWhoseCredentialsDoNotIsNoHolder() {
        // The index (an attribute anyone might have written) offered it; only the credentials decide.
        PhoneHolders.Found found = PhoneHolders.find(NUMBER, List.of(Account.holding("attacker", OTHER), Account.holding("nobody")));
        assertThat(found.verdict()).isEqualTo(Verdict.NO_ACCOUNT);
        assertThat(found.holder()).isEmpty();
    }

    @Test
    void anAttributeSquatterDoesNotTakeTheRealHoldersSignInAway() {
        PhoneHolders.Found found = PhoneHolders.find(NUMBER, List.of(Account.holding("squatter", OTHER), Account.holding("owner", NUMBER)));
        assertThat(found.holder()).contains("owner");
    }

    @Test
    void noCandidatesMeansNoAccount() {
        assertThat(PhoneHolders.find(NUMBER, List.of()).verdict()).isEqualTo(Verdict.NO_ACCOUNT);
    }

    @Test
    void aNumberHeldByTwoAccountsSignsNobodyIn() {
        PhoneHolders.Found found = PhoneHolders.find(NUMBER, List.of(Account.holding("a", NUMBER), Account.holding("b", NUMBER)));
        assertThat(found.verdict()).isEqualTo(Verdict.SEVERAL_ACCOUNTS);
        assertThat(found.getsCode()).isFalse();
        assertThat(found.holder()).isEmpty();
    }

    @Test
    void aDisabledHolderGetsNoCodeAndItsLockIsNotEvenLookedUp() {
        Account holder = Account.holding("a", NUMBER).disabled();
        assertThat(PhoneHolders.find(NUMBER, List.of(holder)).verdict()).isEqualTo(Verdict.DISABLED);
        assertThat(holder.lockQueries()).hasValue(0);
    }

    @Test
    void aLockedHolderGetsNoCode() {
        PhoneHolders.Found found = PhoneHolders.find(NUMBER, List.of(Account.holding("a", NUMBER).lockedOut()));
        assertThat(found.verdict()).isEqualTo(Verdict.LOCKED);
        assertThat(found.holder()).isEmpty();
    }

    @Test
    void onlyTheOneHolderIsAskedWhetherItIsLocked() {
        Account squatter = Account.holding("squatter", OTHER);
        Account owner = Account.holding("owner", NUMBER);
        PhoneHolders.find(NUMBER, List.of(squatter, owner));
        assertThat(squatter.lockQueries()).hasValue(0);
        assertThat(owner.lockQueries()).hasValue(1);
    }

    @Test
    void moreCandidatesThanTheCapSignNobodyInAndAreNotReadToTheEnd() {
        List<Account> flood = new ArrayList<>();
        IntStream.range(0, PhoneHolders.MAX_CANDIDATES).forEach(i -> flood.add(Account.holding("squatter" + i, OTHER)));
        flood.add(Account.holding("owner", NUMBER));
        AtomicInteger read = new AtomicInteger();
        Iterable<Account> counted = () -> flood.stream().peek(a -> read.incrementAndGet()).iterator();

        assertThat(PhoneHolders.find(NUMBER, counted).verdict()).isEqualTo(Verdict.SEVERAL_ACCOUNTS);
        assertThat(read).hasValue(PhoneHolders.MAX_CANDIDATES + 1);
    }

    @Test
    void upToTheCapTheHolderIsStillFound() {
        List<Account> candidates = new ArrayList<>();
        IntStream.range(0, PhoneHolders.MAX_CANDIDATES - 1).forEach(i -> candidates.add(Account.holding("squatter" + i, OTHER)));
        candidates.add(Account.holding("owner", NUMBER));
        assertThat(PhoneHolders.find(NUMBER, candidates).holder()).contains("owner");
    }

    @Test
    void theRuleOneAccountPerNumberSeesOnlyOtherAccountsCredentials() {
        assertThat(PhoneHolders.heldByAnother(NUMBER, "me", List.of(Account.holding("me", NUMBER)))).isFalse();
        assertThat(PhoneHolders.heldByAnother(NUMBER, "me", List.of(Account.holding("squatter", OTHER)))).isFalse();
        assertThat(PhoneHolders.heldByAnother(NUMBER, "me", List.of(Account.holding("me", NUMBER), Account.holding("other", NUMBER))))
                .isTrue();
    }
}
