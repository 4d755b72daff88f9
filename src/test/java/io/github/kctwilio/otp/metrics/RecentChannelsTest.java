package io.github.kctwilio.otp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.testsupport.MovableClock;
import io.github.kctwilio.otp.verify.Channel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentChannelsTest {

    private final MovableClock clock = new MovableClock();
    private final RecentChannels channels = new RecentChannels(clock);

    @Test
    void aChannelIsKnownForTheLifetimeOfTwiliosCodeOnly() {
        channels.remember("VE1", Channel.CALL);

        clock.advance(RecentChannels.LIFETIME.minusSeconds(1));
        assertThat(channels.channelOf("VE1")).contains(Channel.CALL);

        clock.advance(Duration.ofSeconds(1));
        assertThat(channels.channelOf("VE1")).isEmpty();
        assertThat(channels.size()).isZero();
    }

    @Test
    void aResendUnderTheSameSidRenewsTheEntry() {
        channels.remember("VE1", Channel.SMS);
        clock.advance(Duration.ofMinutes(9));
        channels.remember("VE1", Channel.SMS);
        clock.advance(Duration.ofMinutes(9));

        assertThat(channels.channelOf("VE1")).contains(Channel.SMS);
    }

    @Test
    void memoryStaysBoundedAndExpiredEntriesMakeRoom() {
        for (int i = 0; i < RecentChannels.MAX_ENTRIES + 10; i++) {
            channels.remember("VE" + i, Channel.SMS);
        }
        assertThat(channels.size()).isEqualTo(RecentChannels.MAX_ENTRIES);
        assertThat(channels.channelOf("VE" + (RecentChannels.MAX_ENTRIES + 5))).as("no room: unknown, not wrong").isEmpty();

        clock.advance(RecentChannels.LIFETIME);
        channels.remember("VE-new", Channel.EMAIL);

        assertThat(channels.size()).isEqualTo(1);
        assertThat(channels.channelOf("VE-new")).contains(Channel.EMAIL);
    }

    @Test
    void unknownAndNullSidsHaveNoChannel() {
        channels.remember(null, Channel.SMS);

        assertThat(channels.channelOf(null)).isEmpty();
        assertThat(channels.channelOf("VE-never")).isEmpty();
        assertThat(channels.size()).isZero();
    }
}
