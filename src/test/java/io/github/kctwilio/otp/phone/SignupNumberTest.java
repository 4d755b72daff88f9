package io.github.kctwilio.otp.phone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.phone.SignupNumber.Outcome;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignupNumberTest {

    private static final PhonePolicy US_ONLY = new PhonePolicy("phoneNumber", "phoneNumberVerified", PhonePolicy.ExistingNumbers.TRUST,
            Set.of("US"), 1);
    private static final PhonePolicy ALL_COUNTRIES = new PhonePolicy("phoneNumber", "phoneNumberVerified", PhonePolicy.ExistingNumbers.TRUST,
            Set.of(), 2);

    @Test
    void aNationalNumberIsReadWithTheDefaultRegionAndComesBackInE164() {
        assertThat(SignupNumber.check("(415) 555-0134", true, "US", US_ONLY))
                .isEqualTo(new SignupNumber(Outcome.ACCEPTED, Optional.of("+14155550134")));
    }

    @Test
    void aBlankNumberIsMissingWhenRequiredAndNoneOtherwise() {
        assertThat(SignupNumber.check("  ", true, "US", US_ONLY).outcome()).isEqualTo(Outcome.MISSING);
        assertThat(SignupNumber.check(null, true, "US", US_ONLY).outcome()).isEqualTo(Outcome.MISSING);
        assertThat(SignupNumber.check("", false, "US", US_ONLY)).isEqualTo(new SignupNumber(Outcome.NONE, Optional.empty()));
    }

    @Test
    void somethingThatIsNotADialableNumberIsInvalid() {
        assertThat(SignupNumber.check("12345", true, "US", US_ONLY).outcome()).isEqualTo(Outcome.INVALID);
        assertThat(SignupNumber.check("(415) 555-0134", true, null, US_ONLY).outcome()).isEqualTo(Outcome.INVALID);
        assertThat(SignupNumber.check("call me maybe", false, "US", US_ONLY).outcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void aValidNumberFromAnotherCountryIsNotAllowed() {
        assertThat(SignupNumber.check("+49 151 12345678", true, "US", US_ONLY))
                .isEqualTo(new SignupNumber(Outcome.NOT_ALLOWED, Optional.of("+4915112345678")));
        assertThat(SignupNumber.check("+49 151 12345678", true, "US", ALL_COUNTRIES).outcome()).isEqualTo(Outcome.ACCEPTED);
    }
}
