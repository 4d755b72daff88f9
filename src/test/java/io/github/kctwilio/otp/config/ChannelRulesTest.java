package io.github.kctwilio.otp.config;

import static io.github.kctwilio.otp.verify.Channel.CALL;
import static io.github.kctwilio.otp.verify.Channel.EMAIL;
import static io.github.kctwilio.otp.verify.Channel.SMS;
import static io.github.kctwilio.otp.verify.Channel.WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.verify.Channel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelRulesTest {

    private static final List<Channel> ALL = List.of(SMS, CALL, WHATSAPP, EMAIL);

    @Test
    void everyOfferedChannelIsUsableForAUserWithAnAddressAndANumberOnFile() {
        assertThat(ALL).allMatch(c -> ChannelRules.usable(c, ALL, Set.of(), true, false));
    }

    @Test
    void channelsTheVerifyServiceDisabledAreHidden() {
        assertThat(ChannelRules.usable(CALL, ALL, Set.of(CALL), true, false)).isFalse();
        assertThat(ChannelRules.usable(SMS, ALL, Set.of(CALL), true, false)).isTrue();
    }

    @Test
    void emailNeedsAnAddressAndIsNeverUsedToProveANewNumber() {
        assertThat(ChannelRules.usable(EMAIL, ALL, Set.of(), false, false)).isFalse();
        assertThat(ChannelRules.usable(EMAIL, ALL, Set.of(), true, true)).isFalse();
        assertThat(ChannelRules.usable(EMAIL, ALL, Set.of(), true, false)).isTrue();
    }

    @Test
    void channelsTheAdminDidNotOfferAreNeverUsable() {
        assertThat(ChannelRules.usable(WHATSAPP, List.of(SMS, CALL), Set.of(), true, false)).isFalse();
    }
}
