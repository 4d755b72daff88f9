package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.verify.Channel;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Channels a Verify Service refused as disabled (Twilio 60223), remembered cluster-wide for an hour: hidden from
 * users meanwhile, and reported to the admin log once, by the node that noticed first. After the hour the channel
 * is tried again, so fixing the Verify Service needs no restart.
 */
final class DisabledChannels {

    private static final long REMEMBER_SECONDS = 3600;

    private final SingleUseObjectProvider store;

    DisabledChannels(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    /** @return true when this call recorded it first, i.e. the admin log should say so now */
    boolean markDisabled(String serviceSid, Channel channel) {
        return store.putIfAbsent(key(serviceSid, channel), REMEMBER_SECONDS);
    }

    Set<Channel> of(String serviceSid) {
        return Arrays.stream(Channel.values())
                .filter(c -> store.contains(key(serviceSid, c)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class)));
    }

    private static String key(String serviceSid, Channel channel) {
        return "twilio-otp:channel-disabled:" + serviceSid + ":" + channel.wireName();
    }
}
