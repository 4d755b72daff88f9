package io.github.kctwilio.otp.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SendLimiterTest {

    private static final String REALM = "realm-id";
    private static final String PHONE = "+14155550134";
    private static final SubjectHash HASH = SubjectHash.derivedFrom("a realm's HMAC key, 32 bytes long".getBytes(StandardCharsets.UTF_8));

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T10:00:00Z"));
    private final InMemorySlotStore store = new InMemorySlotStore(now::get);
    private final SendLimiter limiter = new SendLimiter();

    private static SendLimits limits(String perNumber, String perUser, String perIp) {
        return new SendLimits(RateLimit.parse(perNumber).orElseThrow(), RateLimit.parse(perUser).orElseThrow(),
                RateLimit.parse(perIp).orElseThrow(), 0);
    }

    private static LimitScope scope(String realmLimit) {
        return new LimitScope(REALM, HASH, RateLimit.parse(realmLimit, RateLimit.MAX_REALM_COUNT).orElseThrow());
    }

    private SendLimiter.Permit send(SendLimits limits, SendRequest request) {
        return limiter.tryAcquire(store, scope("0"), limits, request, now.get());
    }

    @Test
    void allowsExactlyTheConfiguredNumberOfSendsPerNumberInAWindow() {
        SendLimits limits = limits("3/1h", "0", "0");
        for (int i = 0; i < 3; i++) {
            assertThat(send(limits, SendRequest.owner(PHONE, "user-" + i, null)).refusal()).isEmpty();
        }
        assertThat(send(limits, SendRequest.owner(PHONE, "user-9", null)).refusal())
                .hasValueSatisfying(hit -> {
                    assertThat(hit.limit()).isEqualTo("number");
                    assertThat(hit.retryIn()).isEqualTo(Duration.ofHours(1));
                });
    }

    @Test
    void refusalTellsHowLongUntilTheWindowEnds() {
        SendLimits limits = limits("1/1h", "0", "0");
        now.set(Instant.parse("2026-11-26T10:45:00Z"));
        send(limits, SendRequest.owner(PHONE, "u", null));

        assertThat(send(limits, SendRequest.owner(PHONE, "u", null)).refusal())
                .hasValueSatisfying(hit -> assertThat(hit.retryIn()).isEqualTo(Duration.ofMinutes(15)));
    }

    @Test
    void aNewWindowAllowsSendsAgain() {
        SendLimits limits = limits("1/1h", "0", "0");
        send(limits, SendRequest.owner(PHONE, "u", null));
        now.set(now.get().plus(Duration.ofHours(1)));

        assertThat(send(limits, SendRequest.owner(PHONE, "u", null)).refusal()).isEmpty();
    }

    @Test
    void capsAreKeptApartPerNumberAndRealm() {
        SendLimits limits = limits("1/1h", "0", "0");
        assertThat(send(limits, SendRequest.owner(PHONE, "u", null)).refusal()).isEmpty();
        assertThat(send(limits, SendRequest.owner("+14155550135", "u", null)).refusal()).isEmpty();
        assertThat(limiter.tryAcquire(store, new LimitScope("other-realm", HASH, RateLimit.OFF), limits,
                SendRequest.owner(PHONE, "u", null), now.get()).refusal()).isEmpty();
    }

    @Test
    void perUserAndPerIpCapsRefuseWithTheirOwnName() {
        SendLimits limits = limits("0", "1/1h", "2/1h");
        assertThat(send(limits, SendRequest.owner("+14155550101", "alice", "10.0.0.1")).refusal()).isEmpty();
        assertThat(send(limits, SendRequest.owner("+14155550102", "alice", "10.0.0.1")).refusal())
                .hasValueSatisfying(hit -> assertThat(hit.limit()).isEqualTo("user"));
        assertThat(send(limits, SendRequest.owner("+14155550103", "bob", "10.0.0.1")).refusal()).isEmpty();
        assertThat(send(limits, SendRequest.owner("+14155550104", "carol", "10.0.0.1")).refusal())
                .hasValueSatisfying(hit -> assertThat(hit.limit()).isEqualTo("ip"));
    }

    @Test
    void aStrangersResetsLeaveTheOwnersOwnAllowanceOfTheNumberWhole() {
        SendLimits limits = limits("5/1h", "10/1h", "0");
        for (int i = 0; i < 5; i++) {
            assertThat(send(limits, SendRequest.reset(PHONE, "198.51.100.9")).refusal()).isEmpty();
        }
        assertThat(send(limits, SendRequest.reset(PHONE, "198.51.100.9")).refusal()).as("the sixth reset").isPresent();

        for (int i = 0; i < 5; i++) {
            assertThat(send(limits, SendRequest.owner(PHONE, "owner", "203.0.113.7")).refusal()).as("owner send %d", i).isEmpty();
        }
    }

    @Test
    void anotherAccountEnrollingTheNumberLeavesTheOwnersAllowanceWhole() {
        SendLimits limits = limits("2/1h", "10/1h", "0");
        send(limits, SendRequest.newNumber(PHONE, "mallory", "198.51.100.9"));
        send(limits, SendRequest.newNumber(PHONE, "mallory", "198.51.100.9"));

        assertThat(send(limits, SendRequest.newNumber(PHONE, "mallory", "198.51.100.9")).refusal()).isPresent();
        assertThat(send(limits, SendRequest.owner(PHONE, "owner", "198.51.100.9")).refusal()).isEmpty();
    }

    @Test
    void strangersAreCountedPerNumberAndClientAddress() {
        SendLimits limits = limits("1/1h", "0", "0");
        assertThat(send(limits, SendRequest.reset(PHONE, "198.51.100.9")).refusal()).isEmpty();
        assertThat(send(limits, SendRequest.reset(PHONE, "198.51.100.9")).refusal()).isPresent();

        assertThat(send(limits, SendRequest.reset(PHONE, "198.51.100.10")).refusal()).isEmpty();
    }

    @Test
    void addressesOfOneIpv6Slash64ShareTheirCaps() {
        SendLimits limits = limits("0", "0", "1/1h");
        assertThat(send(limits, SendRequest.owner(PHONE, "a", "2001:db8:1:2::1")).refusal()).isEmpty();

        assertThat(send(limits, SendRequest.owner(PHONE, "b", "2001:db8:1:2:ffff:1:2:3")).refusal())
                .hasValueSatisfying(hit -> assertThat(hit.limit()).isEqualTo("ip"));
        assertThat(send(limits, SendRequest.owner(PHONE, "c", "2001:db8:1:3::1")).refusal()).isEmpty();
    }

    @Test
    void theResetDecoyIsRefusedAfterTheSameCountAsARealReset() {
        SendLimits limits = limits("5/1h", "10/1h", "0");
        int realSends = 0;
        int decoySends = 0;
        for (int i = 0; i < 8; i++) {
            realSends += send(limits, SendRequest.reset(PHONE, "198.51.100.9")).refusal().isEmpty() ? 1 : 0;
            decoySends += send(limits, SendRequest.resetDecoy("Nobody", "198.51.100.9")).refusal().isEmpty() ? 1 : 0;
        }

        assertThat(decoySends).isEqualTo(realSends).isEqualTo(5);
        assertThat(send(limits, SendRequest.resetDecoy(" NOBODY ", "198.51.100.9")).refusal())
                .as("the name as Keycloak matches it: trimmed, any case").hasValueSatisfying(hit -> assertThat(hit.limit()).isEqualTo("number"));
    }

    @Test
    void theRealmCeilingCountsEveryoneButOwnersAndSaysSoOnceAWindow() {
        SendLimits limits = limits("0", "0", "0");
        LimitScope scope = scope("3/1h");
        assertThat(limiter.tryAcquire(store, scope, limits, SendRequest.newNumber("+14155550101", "a", "198.51.100.1"), now.get()).refusal()).isEmpty();
        assertThat(limiter.tryAcquire(store, scope, limits, SendRequest.reset("+14155550102", "198.51.100.2"), now.get()).refusal()).isEmpty();
        assertThat(limiter.tryAcquire(store, scope, limits, SendRequest.resetDecoy("x", "198.51.100.3"), now.get()).refusal()).isEmpty();
        assertThat(limiter.tryAcquire(store, scope, limits, SendRequest.owner("+14155550104", "d", "198.51.100.4"), now.get()).refusal())
                .as("an owner's sign-in is not counted").isEmpty();

        LimitHit first = limiter.tryAcquire(store, scope, limits, SendRequest.newNumber("+14155550105", "e", "198.51.100.5"), now.get())
                .refusal().orElseThrow();
        LimitHit second = new SendLimiter().tryAcquire(store, scope, limits, SendRequest.newNumber("+14155550106", "f", "198.51.100.6"), now.get())
                .refusal().orElseThrow();

        assertThat(first.limit()).isEqualTo("realm");
        assertThat(first.firstOfWindow()).isTrue();
        assertThat(second.limit()).isEqualTo("realm");
        assertThat(second.firstOfWindow()).as("another node, same window: already said").isFalse();
        now.set(now.get().plus(Duration.ofHours(1)));
        assertThat(limiter.tryAcquire(store, scope, limits, SendRequest.newNumber("+14155550107", "g", "198.51.100.7"), now.get()).refusal()).isEmpty();
    }

    @Test
    void aRefusedSendUsesUpNoSlotOfTheCapsThatLetItThrough() {
        SendLimits limits = limits("2/1h", "1/1h", "0");
        send(limits, SendRequest.owner(PHONE, "alice", null));
        // alice is at her cap: this send is refused, and must not take the number's second slot.
        assertThat(send(limits, SendRequest.owner(PHONE, "alice", null)).refusal()).isPresent();

        assertThat(send(limits, SendRequest.owner(PHONE, "bob", null)).refusal()).isEmpty();
    }

    @Test
    void givingBackAPermitFreesItsSlots() {
        SendLimits limits = limits("1/1h", "0", "0");
        SendLimiter.Permit permit = send(limits, SendRequest.owner(PHONE, "u", null));
        permit.giveBack();

        assertThat(send(limits, SendRequest.owner(PHONE, "u", null)).refusal()).isEmpty();
    }

    @Test
    void keysHoldNeitherThePhoneNumberNorTheIpAddressNorTheirPlainHash() throws Exception {
        limiter.tryAcquire(store, scope("5/1h"), limits("1/1h", "1/1h", "1/1h"), SendRequest.newNumber(PHONE, "user-1", "203.0.113.7"), now.get());

        String bareSha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest((REALM + "\n" + PHONE).getBytes(StandardCharsets.UTF_8)), 0, 16);
        assertThat(store.keys()).hasSize(4);
        assertThat(store.keys().keySet()).allSatisfy(key -> assertThat(key)
                .doesNotContain("4155550134").doesNotContain("203.0.113.7").doesNotContain("user-1")
                .doesNotContain(bareSha256).startsWith("twilio-otp:sends:"));
    }

    @Test
    void anotherRealmSecretGivesOtherKeys() {
        SubjectHash other = SubjectHash.derivedFrom("another realm's HMAC key, 32 bytes".getBytes(StandardCharsets.UTF_8));

        assertThat(other.of("number\n" + REALM + "\n" + PHONE)).isNotEqualTo(HASH.of("number\n" + REALM + "\n" + PHONE)).hasSize(32);
    }

    @Test
    void limitsSwitchedOffTakeNoSlots() {
        limiter.tryAcquire(store, scope("0"), limits("0", "0", "0"), SendRequest.newNumber(PHONE, "u", "10.0.0.1"), now.get());

        assertThat(store.keys()).isEmpty();
    }

    /**
     * Issue 13: the k-th send of a window used to make k store operations per cap, and a refused one N. Now a login
     * (one owner send: number, account, address) costs 3, whatever its place in the window, and a refusal this node
     * already knows of costs none.
     */
    @Test
    void cacheOperationsPerLoginStayConstantThroughTheWindow() {
        SendLimits limits = SendLimits.defaults(); // 5 per number, 10 per user, 30 per address, each an hour
        for (int login = 1; login <= 5; login++) {
            assertThat(send(limits, SendRequest.owner(PHONE, "alice", "203.0.113.7")).refusal()).isEmpty();
            assertThat(store.takeOperations()).as("cache operations of login %d", login).isEqualTo(3);
        }
        // The first refusal finds the number's next slot taken; every later one costs nothing.
        assertThat(send(limits, SendRequest.owner(PHONE, "alice", "203.0.113.7")).refusal()).isPresent();
        assertThat(store.takeOperations()).isLessThanOrEqualTo(1);
        for (int refused = 0; refused < 10; refused++) {
            assertThat(send(limits, SendRequest.owner(PHONE, "alice", "203.0.113.7")).refusal()).isPresent();
        }
        assertThat(store.takeOperations()).as("cache operations of 10 refused sends").isZero();
    }

    @Test
    void twoNodesTogetherNeverLetMoreThroughThanTheCapAndStayCheap() {
        SendLimiter otherNode = new SendLimiter();
        SendLimits limits = limits("10/1h", "0", "0");
        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            SendLimiter node = i % 2 == 0 ? limiter : otherNode;
            allowed += node.tryAcquire(store, scope("0"), limits, SendRequest.owner(PHONE, "u", null), now.get()).refusal().isEmpty() ? 1 : 0;
        }

        assertThat(allowed).isEqualTo(10);
        // Strictly alternating nodes are the worst case: each hint lags by one send, so two claims per send, plus one
        // binary search when the second node first meets the window, plus one failed claim per node once it is full.
        assertThat(store.takeOperations()).isLessThanOrEqualTo(2 * 10 + 5 + 2);
    }

    @Test
    void aNodeThatJoinsMidWindowFindsTheFreeSlotsByBinarySearchNotByTryingEachSlot() {
        SendLimits limits = limits("0", "0", "0");
        LimitScope scope = scope("300/1h");
        for (int i = 0; i < 200; i++) {
            limiter.tryAcquire(store, scope, limits, SendRequest.newNumber("+1415555" + String.format("%04d", i), "u" + i, null), now.get());
        }
        store.takeOperations();

        SendLimiter.Permit permit = new SendLimiter().tryAcquire(store, scope, limits, SendRequest.newNumber(PHONE, "late", null), now.get());

        assertThat(permit.refusal()).isEmpty();
        assertThat(store.takeOperations()).as("1 claim, log2(300) reads, 1 claim").isLessThanOrEqualTo(1 + 9 + 1);
    }

    @Test
    void concurrentSendsThroughManyNodesTakeEachSlotOnce() throws Exception {
        SendLimits limits = limits("50/1h", "0", "0");
        java.util.concurrent.atomic.AtomicInteger allowed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int node = 0; node < 4; node++) {
            SendLimiter nodeLimiter = new SendLimiter();
            for (int worker = 0; worker < 4; worker++) {
                threads.add(new Thread(() -> {
                    for (int i = 0; i < 25; i++) {
                        if (nodeLimiter.tryAcquire(store, scope("0"), limits, SendRequest.owner(PHONE, "u", null), now.get()).refusal().isEmpty()) {
                            allowed.incrementAndGet();
                        }
                    }
                }));
            }
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(allowed.get()).isEqualTo(50);
    }
}
