package io.github.kctwilio.otp.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @ParameterizedTest(name = "{0} counts as {1}")
    @CsvSource({
            "203.0.113.7, 203.0.113.7",
            "2001:db8:1:2::1, 2001:db8:1:2::/64",
            "2001:0db8:0001:0002:ffff:eeee:dddd:cccc, 2001:db8:1:2::/64",
            "[2001:db8:1:2::99], 2001:db8:1:2::/64",
            "fe80::1%eth0, fe80:0:0:0::/64",
            "::1, 0:0:0:0::/64",
            "::ffff:203.0.113.7, 203.0.113.7",
    })
    void ipv4IsItsOwnGroupAndIpv6CountsByItsSlash64(String address, String group) {
        assertThat(ClientAddress.group(address)).isEqualTo(group);
    }

    @Test
    void addressesOfOneSlash64AreOneGroupAndOfTheNextAreAnother() {
        assertThat(ClientAddress.group("2001:db8:aa:bb:1::")).isEqualTo(ClientAddress.group("2001:db8:aa:bb:ffff:ffff:ffff:ffff"));
        assertThat(ClientAddress.group("2001:db8:aa:bb::1")).isNotEqualTo(ClientAddress.group("2001:db8:aa:bc::1"));
    }

    @Test
    void anythingThatIsNoAddressLiteralIsKeptAsItIsAndNeverLookedUp() {
        assertThat(ClientAddress.group(null)).isNull();
        assertThat(ClientAddress.group("unknown")).isEqualTo("unknown");
        assertThat(ClientAddress.group("keycloak.example.org")).isEqualTo("keycloak.example.org");
    }
}
