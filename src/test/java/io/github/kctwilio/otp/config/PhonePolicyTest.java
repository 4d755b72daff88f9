package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhonePolicyTest {

    @Test
    void withoutConfigTheBuiltInPhoneScopeAttributesAreUsedAndExistingNumbersTrustedEverywhere() throws ConfigException {
        assertThat(PhonePolicy.resolve(null)).isEqualTo(PhonePolicy.DEFAULTS);
        assertThat(PhonePolicy.resolve(Map.of())).isEqualTo(new PhonePolicy("phoneNumber", "phoneNumberVerified",
                PhonePolicy.ExistingNumbers.TRUST, Set.of(), 2));
    }

    @Test
    void readsOwnAttributeNamesThePolicyAndACountryListInAnyAdminConsoleSpelling() throws ConfigException {
        PhonePolicy policy = PhonePolicy.resolve(Map.of(PhoneSettings.PHONE_ATTRIBUTE, " mobile ",
                PhoneSettings.VERIFIED_ATTRIBUTE, "mobile_verified", PhoneSettings.EXISTING_NUMBERS, "Verify",
                PhoneSettings.ALLOWED_COUNTRIES, "us##ca, DE", PhoneSettings.NUMBERS_PER_USER, "1"));

        assertThat(policy).isEqualTo(new PhonePolicy("mobile", "mobile_verified", PhonePolicy.ExistingNumbers.VERIFY,
                Set.of("US", "CA", "DE"), 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3", "two", "-1"})
    void aUserHoldsOneOrTwoNumbersAndNothingElse(String value) {
        assertThatThrownBy(() -> PhonePolicy.resolve(Map.of(PhoneSettings.NUMBERS_PER_USER, value)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(PhoneSettings.NUMBERS_PER_USER);
    }

    @Test
    void anEmptyCountryListAllowsEveryCountry() {
        assertThat(PhonePolicy.DEFAULTS.allows("+14155550134")).isTrue();
        assertThat(PhonePolicy.DEFAULTS.allows("+4915112345678")).isTrue();
    }

    @Test
    void aCountryListAllowsOnlyNumbersOfThoseCountriesSharedDialingCodesIncluded() throws ConfigException {
        PhonePolicy policy = PhonePolicy.resolve(Map.of(PhoneSettings.ALLOWED_COUNTRIES, "US"));

        assertThat(policy.allows("+14155550134")).as("San Francisco").isTrue();
        assertThat(policy.allows("+16135550134")).as("Ottawa shares +1 but is CA").isFalse();
        assertThat(policy.allows("+4915112345678")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"USA", "XX", "1", "U"})
    void aCountryListWithSomethingElseThanTwoLetterCodesNamesTheSetting(String bad) {
        assertThatThrownBy(() -> PhonePolicy.resolve(Map.of(PhoneSettings.ALLOWED_COUNTRIES, "US," + bad)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo(PhoneSettings.ALLOWED_COUNTRIES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"phone number", "1phone", "phone\\u0000", "<script>"})
    void anAttributeNameKeycloakWouldRejectNamesTheSetting(String bad) {
        assertThatThrownBy(() -> PhonePolicy.resolve(Map.of(PhoneSettings.PHONE_ATTRIBUTE, bad)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo(PhoneSettings.PHONE_ATTRIBUTE));
    }

    @Test
    void existingNumbersTakesOnlyTrustOrVerify() {
        assertThatThrownBy(() -> PhonePolicy.resolve(Map.of(PhoneSettings.EXISTING_NUMBERS, "ignore")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).contains("trust or verify"));
    }
}
