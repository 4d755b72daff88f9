package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kctwilio.otp.phone.PhonePolicy;
import io.github.kctwilio.otp.phone.PhonePolicy.ExistingNumbers;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PhoneRules#resolve}: the realm's phone-number rules from the required action's settings. */
class PhoneRulesTest {

    private static final PhonePolicy DEFAULTS = new PhonePolicy("phoneNumber", "phoneNumberVerified", ExistingNumbers.TRUST, Set.of(), 2);


    @Test
    void withoutConfigTheBuiltInPhoneScopeAttributesAreUsedAndExistingNumbersTrustedEverywhere() throws ConfigException {
        assertThat(PhoneRules.resolve(null)).isEqualTo(DEFAULTS);
        assertThat(PhoneRules.resolve(Map.of())).isEqualTo(DEFAULTS);
    }

    @Test
    void readsOwnAttributeNamesThePolicyAndACountryListInAnyAdminConsoleSpelling() throws ConfigException {
        PhonePolicy policy = PhoneRules.resolve(Map.of(Setting.PHONE_ATTRIBUTE.key(), " mobile ",
                Setting.VERIFIED_ATTRIBUTE.key(), "mobile_verified", Setting.EXISTING_NUMBERS.key(), "Verify",
                Setting.ALLOWED_COUNTRIES.key(), "us##ca, DE", Setting.NUMBERS_PER_USER.key(), "1"));

        assertThat(policy).isEqualTo(new PhonePolicy("mobile", "mobile_verified", ExistingNumbers.VERIFY,
                Set.of("US", "CA", "DE"), 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3", "two", "-1"})
    void aUserHoldsOneOrTwoNumbersAndNothingElse(String value) {
        assertThatThrownBy(() -> PhoneRules.resolve(Map.of(Setting.NUMBERS_PER_USER.key(), value)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(Setting.NUMBERS_PER_USER.key());
    }

    @Test
    void anEmptyCountryListAllowsEveryCountry() throws ConfigException {
        assertThat(PhoneRules.resolve(null).allows("+14155550134")).isTrue();
        assertThat(PhoneRules.resolve(null).allows("+4915112345678")).isTrue();
    }

    @Test
    void aCountryListAllowsOnlyNumbersOfThoseCountriesSharedDialingCodesIncluded() throws ConfigException {
        PhonePolicy policy = PhoneRules.resolve(Map.of(Setting.ALLOWED_COUNTRIES.key(), "US"));

        assertThat(policy.allows("+14155550134")).as("San Francisco").isTrue();
        assertThat(policy.allows("+16135550134")).as("Ottawa shares +1 but is CA").isFalse();
        assertThat(policy.allows("+4915112345678")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"USA", "XX", "1", "U"})
    void aCountryListWithSomethingElseThanTwoLetterCodesNamesTheSetting(String bad) {
        assertThatThrownBy(() -> PhoneRules.resolve(Map.of(Setting.ALLOWED_COUNTRIES.key(), "US," + bad)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo(Setting.ALLOWED_COUNTRIES.key()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"phone number", "1phone", "phone\\u0000", "<script>"})
    void anAttributeNameKeycloakWouldRejectNamesTheSetting(String bad) {
        assertThatThrownBy(() -> PhoneRules.resolve(Map.of(Setting.PHONE_ATTRIBUTE.key(), bad)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo(Setting.PHONE_ATTRIBUTE.key()));
    }

    @Test
    void existingNumbersTakesOnlyTrustOrVerify() {
        assertThatThrownBy(() -> PhoneRules.resolve(Map.of(Setting.EXISTING_NUMBERS.key(), "ignore")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).contains("trust or verify"));
    }
}
