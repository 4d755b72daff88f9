package io.github.kctwilio.otp.remember;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.remember.DeviceCheck.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The remembered-device cookie's format and every reason it does or does not count, without Keycloak. */
class DeviceCheckTest {

    private static final String KID = "hmac-key-1";
    private static final String USER = "user-a";
    private static final String PHONE = "phone-credential-1";
    private static final long NOW = 1_800_000_000L;
    private static final Duration PERIOD = Duration.ofDays(30);
    private static final DeviceSigner SIGNER = DeviceSigner.derivedFrom("realm-secret-of-32-bytes-0123456".getBytes(StandardCharsets.UTF_8));
    private static final DeviceBinding BINDING = new DeviceBinding("realm-1", DeviceBinding.credential(PHONE, 1_700_000_000_000L),
            DeviceBinding.credential("password-1", 1_650_000_000_000L), DeviceBinding.credential("generation-1", 1_790_000_000_000L));

    private final DeviceToken token = new DeviceToken(KID, USER, PHONE, NOW, NOW + PERIOD.toSeconds());
    private final String cookie = SIGNER.sign(token, BINDING);

    @Test
    void aCookieSignedForTheFactsAsTheyAreIsRememberedForItsUser() {
        DeviceCheck.Result result = check(cookie, USER, NOW + 60, 0, BINDING);

        assertThat(result.verdict()).isEqualTo(Verdict.REMEMBERED);
        assertThat(result.token()).contains(token);
    }

    @Test
    void theCookieSaysOnlyTheKeyTheUserThePhoneCredentialAndThePeriodInCookieSafeCharacters() {
        String[] parts = cookie.split("\\.");

        assertThat(cookie).matches("[A-Za-z0-9._-]+");
        assertThat(parts).hasSize(7);
        assertThat(Stream.of(parts[1], parts[2], parts[3]).map(p -> new String(Base64.getUrlDecoder().decode(p), StandardCharsets.UTF_8)))
                .containsExactly(KID, USER, PHONE);
        assertThat(parts[4]).isEqualTo(Long.toString(NOW));
        assertThat(parts[5]).isEqualTo(Long.toString(NOW + PERIOD.toSeconds()));
        assertThat(Base64.getUrlDecoder().decode(parts[6])).as("HMAC-SHA256").hasSize(32);
    }

    @Test
    void anotherUsersCookieDoesNotCount() {
        assertThat(check(cookie, "user-b", NOW, 0, BINDING).verdict()).isEqualTo(Verdict.OTHER_USER);
    }

    @Test
    void theCookieEndsWithItsPeriod() {
        assertThat(check(cookie, USER, NOW + PERIOD.toSeconds() - 1, 0, BINDING).verdict()).isEqualTo(Verdict.REMEMBERED);
        assertThat(check(cookie, USER, NOW + PERIOD.toSeconds(), 0, BINDING).verdict()).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void shorteningTheSettingShortensCookiesAlreadyOut() {
        DeviceCheck.Result result = DeviceCheck.check(cookie, USER, NOW + Duration.ofDays(8).toSeconds(), 0, Duration.ofDays(7),
                kid -> Optional.of(SIGNER), t -> Optional.of(BINDING));

        assertThat(result.verdict()).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void aCookieIssuedInTheFutureBeyondClockSkewDoesNotCount() {
        assertThat(check(cookie, USER, NOW - DeviceCheck.CLOCK_SKEW_SECONDS, 0, BINDING).verdict()).isEqualTo(Verdict.REMEMBERED);
        assertThat(check(cookie, USER, NOW - DeviceCheck.CLOCK_SKEW_SECONDS - 1, 0, BINDING).verdict()).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void aCookieIssuedNoLaterThanTheUsersNotBeforeDoesNotCount() {
        assertThat(check(cookie, USER, NOW + 10, NOW - 1, BINDING).verdict()).isEqualTo(Verdict.REMEMBERED);
        assertThat(check(cookie, USER, NOW + 10, NOW, BINDING).verdict()).as("same second").isEqualTo(Verdict.SIGNED_OUT);
        assertThat(check(cookie, USER, NOW + 10, NOW + 5, BINDING).verdict()).isEqualTo(Verdict.SIGNED_OUT);
    }

    @Test
    void aKeyTheRealmNoLongerHasDoesNotCount() {
        DeviceCheck.Result result = DeviceCheck.check(cookie, USER, NOW, 0, PERIOD, kid -> Optional.empty(), t -> Optional.of(BINDING));

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN_KEY);
    }

    @Test
    void aRemovedPhoneCredentialDoesNotCount() {
        DeviceCheck.Result result = DeviceCheck.check(cookie, USER, NOW, 0, PERIOD, kid -> Optional.of(SIGNER), t -> Optional.empty());

        assertThat(result.verdict()).isEqualTo(Verdict.NO_CREDENTIAL);
    }

    /** Each fact the cookie is bound to, changed as Keycloak changes it. */
    @Test
    void changingAnyBoundFactInvalidatesTheCookie() {
        Map<String, DeviceBinding> changed = Map.of(
                "another realm", new DeviceBinding("realm-2", BINDING.phoneCredential(), BINDING.password(), BINDING.generation()),
                "the phone credential replaced under its id", new DeviceBinding(BINDING.realmId(),
                        DeviceBinding.credential(PHONE, 1_700_000_000_001L), BINDING.password(), BINDING.generation()),
                "a new password", new DeviceBinding(BINDING.realmId(), BINDING.phoneCredential(),
                        DeviceBinding.credential("password-1", 1_799_000_000_000L), BINDING.generation()),
                "the password removed", new DeviceBinding(BINDING.realmId(), BINDING.phoneCredential(), DeviceBinding.NONE,
                        BINDING.generation()),
                "devices forgotten", new DeviceBinding(BINDING.realmId(), BINDING.phoneCredential(), BINDING.password(),
                        DeviceBinding.NONE),
                "devices forgotten, then one remembered again", new DeviceBinding(BINDING.realmId(), BINDING.phoneCredential(),
                        BINDING.password(), DeviceBinding.credential("generation-2", 1_799_500_000_000L)));

        changed.forEach((what, binding) -> assertThat(check(cookie, USER, NOW, 0, binding).verdict()).as(what)
                .isEqualTo(Verdict.BAD_SIGNATURE));
    }

    @Test
    void aCookieSignedUnderAnotherRealmsKeyDoesNotCount() {
        DeviceSigner otherRealm = DeviceSigner.derivedFrom("another-realm-secret-of-32-bytes".getBytes(StandardCharsets.UTF_8));

        assertThat(check(otherRealm.sign(token, BINDING), USER, NOW, 0, BINDING).verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void editedFieldsDoNotMatchTheSignature() {
        byte[] signature = DeviceToken.decode(cookie).orElseThrow().signature();
        DeviceToken longer = new DeviceToken(KID, USER, PHONE, NOW, NOW + Duration.ofDays(365).toSeconds());
        DeviceToken later = new DeviceToken(KID, USER, PHONE, NOW + 100, NOW + PERIOD.toSeconds());
        DeviceToken otherPhone = new DeviceToken(KID, USER, "phone-credential-2", NOW, NOW + PERIOD.toSeconds());

        for (DeviceToken edited : new DeviceToken[] {longer, later, otherPhone}) {
            assertThat(DeviceCheck.check(edited.encode(signature), USER, NOW + 200, 0, PERIOD, kid -> Optional.of(SIGNER),
                    t -> Optional.of(BINDING)).verdict()).as("%s", edited).isEqualTo(Verdict.BAD_SIGNATURE);
        }
        byte[] flipped = signature.clone();
        flipped[0] ^= 1;
        assertThat(check(token.encode(flipped), USER, NOW, 0, BINDING).verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void fieldsAreSignedWithTheirLengthsSoNoTwoBindingsSignAlike() {
        DeviceBinding ab = new DeviceBinding("r", "ab", "c", "g");
        DeviceBinding a = new DeviceBinding("r", "a", "bc", "g");

        assertThat(SIGNER.sign(token, ab)).isNotEqualTo(SIGNER.sign(token, a));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "1.a.b.c.1.2", "2.a.b.c.1.2.AAAA", "1.a.b.c.-1.2.AAAA", "1.a.b.c.1.x.AAAA",
            "1.a=.b.c.1.2.AAAA", "1.a.b.c.1.2.AAAA.extra", "1.a.b.c.1.2.A", "1..b.c.1.2.AAAA"})
    void anythingNotOfTheFormatIsMalformed(String value) {
        assertThat(check(value, USER, NOW, 0, BINDING).verdict()).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void noCookieAndAnOverlongOneAreMalformed() {
        assertThat(check(null, USER, NOW, 0, BINDING).verdict()).isEqualTo(Verdict.MALFORMED);
        assertThat(check(cookie + "A".repeat(DeviceToken.MAX_LENGTH), USER, NOW, 0, BINDING).verdict()).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void idsWithAnyCharactersSurviveTheRoundTrip() {
        DeviceToken federated = new DeviceToken("kid/with+odd=chars", "f:ldap-provider:uid=jdoe,ou=People", "id.with.dots", NOW, NOW + 60);

        assertThat(DeviceToken.decode(SIGNER.sign(federated, BINDING)).orElseThrow().token()).isEqualTo(federated);
    }

    private static DeviceCheck.Result check(String value, String user, long now, long notBefore, DeviceBinding binding) {
        Function<DeviceToken, Optional<DeviceBinding>> bindings = t -> Optional.of(binding);
        return DeviceCheck.check(value, user, now, notBefore, PERIOD, kid -> KID.equals(kid) ? Optional.of(SIGNER) : Optional.empty(), bindings);
    }
}
