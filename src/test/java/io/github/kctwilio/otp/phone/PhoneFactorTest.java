package io.github.kctwilio.otp.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.phone.PhoneCredentialData.Proof;
import io.github.kctwilio.otp.phone.PhoneFactor.Kind;
import io.github.kctwilio.otp.phone.PhonePolicy.ExistingNumbers;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhoneFactorTest {

    private static final String MAIN = "+14155550134";
    private static final String BACKUP = "+14155550199";
    private static final String GERMAN = "+4915112345678";
    private static final PhonePolicy TRUST = new PhonePolicy("phoneNumber", "phoneNumberVerified", ExistingNumbers.TRUST, Set.of(), 2);
    private static final PhonePolicy VERIFY = new PhonePolicy("phoneNumber", "phoneNumberVerified", ExistingNumbers.VERIFY, Set.of(), 2);
    private static final PhonePolicy US_ONLY = new PhonePolicy("phoneNumber", "phoneNumberVerified", ExistingNumbers.TRUST, Set.of("US"), 2);

    @Test
    void codesGoToTheCredentialsNotToWhatTheAttributeSays() {
        PhoneFactor factor = PhoneFactor.decide(credentials(List.of(MAIN, BACKUP), GERMAN), TRUST, null);

        assertThat(factor.kind()).isEqualTo(Kind.CREDENTIALS);
        assertThat(factor.primary()).contains(MAIN);
        assertThat(factor.backup()).contains(BACKUP);
        assertThat(factor.provenOrTrusted()).isTrue();
    }

    @Test
    void credentialsTheRealmCanNoLongerUseFailClosedInsteadOfFallingBackToTheAttribute() {
        PhoneFactor narrowed = PhoneFactor.decide(credentials(List.of(GERMAN), MAIN), US_ONLY, null);
        PhoneFactor broken = PhoneFactor.decide(credentials(List.of("not a number", "+1415"), MAIN), TRUST, null);

        assertThat(narrowed.kind()).isEqualTo(Kind.UNUSABLE);
        assertThat(narrowed.numbers()).isEmpty();
        assertThat(broken.kind()).isEqualTo(Kind.UNUSABLE);
    }

    @Test
    void anUnusableMainNumberLeavesTheUsableBackupAsTheOnlyNumber() {
        PhoneFactor factor = PhoneFactor.decide(credentials(List.of(GERMAN, MAIN), null), US_ONLY, null);

        assertThat(factor.kind()).isEqualTo(Kind.CREDENTIALS);
        assertThat(factor.numbers()).containsExactly(MAIN);
        assertThat(factor.backup()).isEmpty();
    }

    @Test
    void anAttributeUsersCannotEditIsAdoptedWhenTheRealmTrustsExistingNumbers() {
        PhoneFactor factor = PhoneFactor.decide(attributeOnly("(415) 555-0134", false), TRUST, "US");

        assertThat(factor.kind()).isEqualTo(Kind.ADOPT);
        assertThat(factor.primary()).contains(MAIN);
        assertThat(factor.adoptAs()).contains(Proof.TRUSTED_ATTRIBUTE);
    }

    @Test
    void anAttributeUsersCanEditIsProvedByACodeEvenWhenTheRealmTrustsExistingNumbers() {
        PhoneFactor factor = PhoneFactor.decide(attributeOnly(MAIN, true), TRUST, null);

        assertThat(factor.kind()).isEqualTo(Kind.ENROL_BY_CODE);
        assertThat(factor.primary()).contains(MAIN);
        assertThat(factor.provenOrTrusted()).as("a password reset sends nothing to it").isFalse();
    }

    @Test
    void underVerifyEveryAttributeNumberIsProvedByACode() {
        assertThat(PhoneFactor.decide(attributeOnly(MAIN, false), VERIFY, null).kind()).isEqualTo(Kind.ENROL_BY_CODE);
    }

    @Test
    void aNumberTheEarlierVersionsVerifiedIsAdoptedWhenItsMarkMatchesAndUsersCannotEditTheMark() {
        String mark = VerifiedNumberMark.of(MAIN);
        PhoneEvidence upgraded = new PhoneEvidence(List.of(), MAIN, true, "true", mark, false, false);
        PhoneEvidence editableMark = new PhoneEvidence(List.of(), MAIN, true, "true", mark, true, false);
        PhoneEvidence otherNumber = new PhoneEvidence(List.of(), BACKUP, true, "true", mark, false, false);

        assertThat(PhoneFactor.decide(upgraded, VERIFY, null).adoptAs()).contains(Proof.EARLIER_VERSION);
        assertThat(PhoneFactor.decide(editableMark, VERIFY, null).kind()).isEqualTo(Kind.ENROL_BY_CODE);
        assertThat(PhoneFactor.decide(otherNumber, VERIFY, null).kind()).as("the number was changed since").isEqualTo(Kind.ENROL_BY_CODE);
    }

    @Test
    void anAccountThatRemovedItsLastCredentialDoesNotGetItBackFromTheMirror() {
        PhoneEvidence removed = new PhoneEvidence(List.of(), MAIN, false, "true", null, false, true);

        assertThat(PhoneFactor.decide(removed, TRUST, null).kind()).isEqualTo(Kind.NONE);
    }

    @Test
    void noNumberAnInvalidOneOrOneFromAnotherCountryIsNoPhoneAtAll() {
        assertThat(PhoneFactor.decide(attributeOnly(null, false), TRUST, null).kind()).isEqualTo(Kind.NONE);
        assertThat(PhoneFactor.decide(attributeOnly("12345", false), TRUST, null).kind()).isEqualTo(Kind.NONE);
        assertThat(PhoneFactor.decide(attributeOnly(GERMAN, false), US_ONLY, null).kind()).isEqualTo(Kind.NONE);
        assertThat(PhoneFactor.decide(attributeOnly(null, false), TRUST, null).primary()).isEqualTo(Optional.empty());
    }

    private static PhoneEvidence credentials(List<String> numbers, String attribute) {
        return new PhoneEvidence(numbers, attribute, true, "true", null, true, true);
    }

    private static PhoneEvidence attributeOnly(String attribute, boolean editable) {
        return new PhoneEvidence(List.of(), attribute, editable, null, null, false, false);
    }
}
