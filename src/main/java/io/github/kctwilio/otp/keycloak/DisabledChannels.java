package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.verify.Channel;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Channels a Verify Service refused as disabled (Twilio 60223), remembered cluster-wide for an hour: hidden from
 * users meanwhile, and reported to the admin log once, by the node that noticed first. After the hour the channel
 * is tried again, so fixing the Verify Service needs no restart. One request reads the marks once (a send and the
 * form after it both ask): the answer is kept on the Keycloak session until this request marks a channel itself.
 */
final class DisabledChannels {

    private static final long REMEMBER_SECONDS = 3600;

    private final KeycloakSession session;
    private final SingleUseObjectProvider store;

    DisabledChannels(KeycloakSession session) {
        this.session = session;
        this.store = session.singleUseObjects();
    }

    /** @return true when this call recorded it first, i.e. the admin log should say so now */
    boolean markDisabled(String serviceSid, Channel channel) {
        session.removeAttribute(requestCacheKey(serviceSid));
        return store.putIfAbsent(key(serviceSid, channel), REMEMBER_SECONDS);
    }

    @SuppressWarnings("unchecked")
    Set<Channel> of(String serviceSid) {
        Set<Channel> known = (Set<Channel>) session.getAttribute(requestCacheKey(serviceSid));
        if (known != null) {
            return known;
        }
        Set<Channel> disabled = Collections.unmodifiableSet(Arrays.stream(Channel.values())
                .filter(c -> store.contains(key(serviceSid, c)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class))));
        session.setAttribute(requestCacheKey(serviceSid), disabled);
        return disabled;
    }

    private static String requestCacheKey(String serviceSid) {
        return "twilio-otp.disabled-channels." + serviceSid;
    }

    private static String key(String serviceSid, Channel channel) {
        return "twilio-otp:channel-disabled:" + serviceSid + ":" + channel.wireName();
    }
}
