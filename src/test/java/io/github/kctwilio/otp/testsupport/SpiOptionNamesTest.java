package io.github.kctwilio.otp.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpiOptionNamesTest {

    @Test
    void keycloak263AndNewerGetTheDoubleDashForm() {
        for (String version : new String[] {"26.3.0", "26.4.7", "26.7.3", "27.0.0"}) {
            SpiOptionNames names = new SpiOptionNames(version);
            assertThat(names.option("api-base-url", "http://x")).as(version).isEqualTo("--spi-authenticator--twilio-otp--api-base-url=http://x");
            assertThat(names.env("account-sid")).as(version).isEqualTo("KC_SPI_AUTHENTICATOR__TWILIO_OTP__ACCOUNT_SID");
        }
    }

    @Test
    void keycloak262AndOlderGetTheSingleDashForm() {
        for (String version : new String[] {"26.2.5", "26.0.8", "25.0.6"}) {
            SpiOptionNames names = new SpiOptionNames(version);
            assertThat(names.option("read-timeout-ms", "2000")).as(version).isEqualTo("--spi-authenticator-twilio-otp-read-timeout-ms=2000");
            assertThat(names.env("verify-service-sid")).as(version).isEqualTo("KC_SPI_AUTHENTICATOR_TWILIO_OTP_VERIFY_SERVICE_SID");
        }
    }

    @Test
    void somethingThatIsNoVersionIsRefused() {
        assertThatThrownBy(() -> new SpiOptionNames("latest")).isInstanceOf(IllegalArgumentException.class);
    }
}
