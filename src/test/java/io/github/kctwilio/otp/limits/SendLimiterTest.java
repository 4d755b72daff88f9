package io.github.kctwilio.otp.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SendLimiterTest {

    private static final String REALM = "realm-id";
    private static final String PHONE = "+14155550134";

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T10:00:00Z"));
    private final InMemorySlotStore store = new InMemorySlotStore(now::get);
    private final SendLimiter limiter = new SendLimiter(store);

    private SendLimits limits(String perNumber, String perUser, String perIp) {
        return new SendLimits(RateLimit.parse(perNumber).orElseThrow(), RateLimit.parse(perUser).orElseThrow(),
                RateLimit.parse(perIp).orElseThrow(), 0);
    }

    @Test
    void allowsExactlyTheConfiguredNumberOfSendsPerNumberInAWindow() {
        SendLimits limits = limits("3/1h", "0", "0");
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(limits, REALM, PHONE, "user-" + i, null, now.get()).refusal()).isEmpty();
        }
        assertThat(limiter.tryAcquire(limits, REALM, PHONE, "user-9", null, now.get()).refusal())
                .hasValueSatisfying(hit -> {
                    assertThat(hit.limit()).isEqualTo("number");
                    assertThat(hit.retryIn()).isEqualTo(Duration.ofHours(1));
                });
    }

    @Test
    void refusalTellsHowLongUntilTheWindowEnds() {
        SendLimits limits = limits("1/1h", "0", "0");
        now.set(Instant.parse("2026-11-26T10:45:00Z"));
        limiter.tryAcquire(limits, REALM, PHONE, "u", null, now.get());

        assertThat(limiter.tryAcquire(limits, REALM, PHONE, "u", null, now.get()).refusal())
                .hasValueSatisfying(hit -> assertThat(hit.retryIn()).isEqualTo(Duration.ofMinutes(15)));
    }

    @Test
    void aNewWindowAllowsSendsAgain() {
        SendLimits limits = limits("1/1h", "0", "0");
        limiter.tryAcquire(limits, REALM, PHONE, "u", null, now.get());
        now.set(now.get().plus(Duration.ofHours(1)));

        assertThat(limiter.tryAcquire(limits, REALM, PHONE, "u", null, now.get()).refusal()).isEmpty();
    }

    @Test
    void capsAreKeptApartPerNumberUserIpAndRealm() {
        SendLimits limits = limits("1/1h", "0", "0");
        assertThat(limiter.tryAcquire(limits, REALM, PHONE, "u", null, now.get()).refusal()).isEmpty();
        assertThat(limiter.tryAcquire(limits, REALM, "+14155550135", "u", null, now.get()).refusal()).isEmpty();
        assertThat(limiter.tryAcquire(limits, "other-realm", PHONE, "u", null, now.get()).refusal()).isEmpty();
    }

    @Test
    void perUserAndPerIpCapsRefuseWithTheirOwnName() {
        SendLimits limits = limits("0", "1/1h", "2/1h");
        assertThat(limiter.tryAcquire(limits, REALM, "+14155550101", "alice", "10.0.0.1", now.get()).refusal()).isEmpty();
        assertThat(limiter.tryAcquire(limits, REALM, "+14155550102", "alice", "10.0.0.1", now.get()).refusal())
                .hasValueSatisfying(hit -> assertThat(hit.limit()).isEqualTo("user"));
        assertThat(limiter.tryAcquire(limits, REALM, "+14155550103", "bob", "10.0.0.1", now.get()).refusal()).isEmpty();
        assertThat(limiter.tryAcquire(limits, REALM, "+14155550104", "carol", "10.0.0.1", now.get()).refusal())
                .hasValueSatisfying(hit -> assertThat(hit.limit()).isEqualTo("ip"));
    }

    @Test
    void aRefusedSendUsesUpNoSlotOfTheCapsThatLetItThrough() {
        SendLimits limits = limits("2/1h", "1/1h", "0");
        limiter.tryAcquire(limits, REALM, PHONE, "alice", null, now.get());
        // alice is at her cap: this send is refused, and must not take the number's second slot.
        assertThat(limiter.tryAcquire(limits, REALM, PHONE, "alice", null, now.get()).refusal()).isPresent();

        assertThat(limiter.tryAcquire(limits, REALM, PHONE, "bob", null, now.get()).refusal()).isEmpty();
    }

    @Test
    void givingBackAPermitFreesItsSlots() {
        SendLimits limits = limits("1/1h", "0", "0");
        SendLimiter.Permit permit = limiter.tryAcquire(limits, REALM, PHONE, "u", null, now.get());
        permit.giveBack();

        assertThat(limiter.tryAcquire(limits, REALM, PHONE, "u", null, now.get()).refusal()).isEmpty();
    }

    @Test
    void keysHoldNeitherThePhoneNumberNorTheIpAddress() {
        limiter.tryAcquire(limits("1/1h", "1/1h", "1/1h"), REALM, PHONE, "user-1", "203.0.113.7", now.get());

        assertThat(store.keys()).hasSize(3);
        assertThat(store.keys().keySet()).allSatisfy(key -> assertThat(key)
                .doesNotContain("4155550134").doesNotContain("203.0.113.7").startsWith("twilio-otp:sends:"));
    }

    @Test
    void limitsSwitchedOffTakeNoSlots() {
        limiter.tryAcquire(limits("0", "0", "0"), REALM, PHONE, "u", "10.0.0.1", now.get());

        assertThat(store.keys()).isEmpty();
    }
}
