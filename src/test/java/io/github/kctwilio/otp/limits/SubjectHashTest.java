package io.github.kctwilio.otp.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SubjectHashTest {

    private static final byte[] REALM_SECRET = "a realm's HMAC key, 32 bytes long".getBytes(StandardCharsets.UTF_8);
    /** What the version that keyed a new Mac for every hash wrote for "user\nrealm-id\nuser-id" under that secret. */
    private static final String EARLIER_VERSION_KEY = "7f466e1ec8ddca2afd0404ed6d71b63c";

    @Test
    void aKeyIsTheFirst128BitsOfAnHmacUnderAKeyDerivedFromTheRealmSecret() throws Exception {
        byte[] derived = hmac(REALM_SECRET, "twilio-otp send limits v1".getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(hmac(derived, "number\nrealm-id\n+14155550100".getBytes(StandardCharsets.UTF_8)), 0, 16);

        assertThat(SubjectHash.derivedFrom(REALM_SECRET).of("number\nrealm-id\n+14155550100")).isEqualTo(expected);
    }

    @Test
    void keysStayWhatEarlierVersionsWroteSoCountsSurviveAnUpgrade() {
        // Limiter keys live in the cluster-wide store: nodes of two versions side by side must count under one key.
        assertThat(SubjectHash.derivedFrom(REALM_SECRET).of("user\nrealm-id\nuser-id")).isEqualTo(EARLIER_VERSION_KEY);
    }

    @Test
    void hashingASubjectAgainGivesTheSameKeyAndAnotherSubjectAnother() {
        SubjectHash hash = SubjectHash.derivedFrom(REALM_SECRET);
        String first = hash.of("+14155550100");

        assertThat(hash.of("+14155550100")).isEqualTo(first);
        assertThat(hash.of("+14155550101")).isNotEqualTo(first);
    }

    @Test
    void threadsHashingAtOnceGetTheKeysOneThreadGets() throws Exception {
        SubjectHash hash = SubjectHash.derivedFrom(REALM_SECRET);
        List<String> subjects = IntStream.range(0, 2000).mapToObj(i -> "+1415555" + String.format("%04d", i)).toList();
        List<String> alone = subjects.stream().map(hash::of).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> together = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                together.add(pool.submit(() -> subjects.stream().map(hash::of).toList()));
            }
            for (Future<List<String>> keys : together) {
                assertThat(keys.get()).isEqualTo(alone);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
