package io.github.kctwilio.otp.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    @Test
    void showsTheFirstLetterAndTheDomainOnly() {
        assertThat(EmailAddresses.mask("jane.doe@example.org")).isEqualTo("j\u2022\u2022\u2022@example.org");
    }

    @Test
    void hidesEverythingOfSomethingThatIsNotAnAddress() {
        assertThat(EmailAddresses.mask("no-at-sign")).isEqualTo("\u2022\u2022\u2022");
        assertThat(EmailAddresses.mask("@example.org")).isEqualTo("\u2022\u2022\u2022");
        assertThat(EmailAddresses.mask(null)).isEmpty();
    }
}
