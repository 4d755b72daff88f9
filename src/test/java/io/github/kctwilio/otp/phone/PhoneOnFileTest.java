package io.github.kctwilio.otp.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.config.PhonePolicy;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhoneOnFileTest {

    private static final String NUMBER = "+14155550134";
    private static final PhonePolicy TRUST = PhonePolicy.DEFAULTS;
    private static final PhonePolicy VERIFY = new PhonePolicy("phoneNumber", "phoneNumberVerified", PhonePolicy.ExistingNumbers.VERIFY, Set.of());

    @Test
    void aNumberWeVerifiedCountsAsVerifiedUnderEitherPolicy() {
        String mark = VerifiedNumberMark.of(NUMBER);

        assertThat(PhoneOnFile.read(NUMBER, "true", mark, VERIFY, null)).isEqualTo(new PhoneOnFile(PhoneOnFile.Status.USABLE, Optional.of(NUMBER), true));
        assertThat(PhoneOnFile.read(NUMBER, "true", mark, TRUST, null).usableAndVerified()).isTrue();
    }

    @Test
    void aNumberChangedAfterOurVerificationNoLongerCountsAsVerifiedWhenExistingNumbersMustBeVerified() {
        String markOfOldNumber = VerifiedNumberMark.of("+14155550199");

        PhoneOnFile phone = PhoneOnFile.read(NUMBER, "true", markOfOldNumber, VERIFY, null);

        assertThat(phone.usable()).as("codes may still go to it, to verify it").isTrue();
        assertThat(phone.verified()).isFalse();
    }

    @Test
    void anImportedNumberWithAVerifiedFlagButNoMarkIsTrustedOrNotAsTheAdminChose() {
        assertThat(PhoneOnFile.read(NUMBER, "true", null, TRUST, null).usableAndVerified()).isTrue();
        assertThat(PhoneOnFile.read(NUMBER, "true", null, VERIFY, null).usableAndVerified()).isFalse();
        assertThat(PhoneOnFile.read(NUMBER, null, null, VERIFY, null).usable()).isTrue();
    }

    @Test
    void aStoredNationalNumberIsReadWithTheDefaultRegionAndNormalised() {
        PhoneOnFile phone = PhoneOnFile.read("(415) 555-0134", null, null, TRUST, "US");

        assertThat(phone.number()).contains(NUMBER);
    }

    @Test
    void nothingInvalidOrOutsideTheAllowedCountriesIsUsable() {
        PhonePolicy usOnly = new PhonePolicy("phoneNumber", "phoneNumberVerified", PhonePolicy.ExistingNumbers.TRUST, Set.of("US"));

        assertThat(PhoneOnFile.read(null, "true", null, TRUST, null).status()).isEqualTo(PhoneOnFile.Status.NONE);
        assertThat(PhoneOnFile.read("  ", null, null, TRUST, null).status()).isEqualTo(PhoneOnFile.Status.NONE);
        assertThat(PhoneOnFile.read("12345", null, null, TRUST, null).status()).isEqualTo(PhoneOnFile.Status.INVALID);
        assertThat(PhoneOnFile.read("+4915112345678", "true", null, usOnly, null).status()).isEqualTo(PhoneOnFile.Status.NOT_ALLOWED);
        assertThat(PhoneOnFile.read("+4915112345678", "true", null, usOnly, null).usable()).isFalse();
    }

    @Test
    void theMarkIsBoundToTheExactNumberAndHoldsNoDigitsOfIt() {
        String mark = VerifiedNumberMark.of(NUMBER);

        assertThat(VerifiedNumberMark.matches(mark, NUMBER)).isTrue();
        assertThat(VerifiedNumberMark.matches(mark, "+14155550135")).isFalse();
        assertThat(VerifiedNumberMark.matches(null, NUMBER)).isFalse();
        assertThat(mark).doesNotContain("4155550134").startsWith("sha256:");
    }
}
