package io.github.kctwilio.otp.keycloak.store;

import io.github.kctwilio.otp.verify.Channel;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Channels a Verify Service refused as disabled (Twilio 60223), remembered cluster-wide for an hour: hidden from
 * users meanwhile, and reported to the admin log once, by the node that noticed first. After the hour the channel
 * is tried again, so fixing the Verify Service needs no restart. One request reads the mark of each channel the step offers once (a
 * send and the form after it both ask), never those it does not offer: the answers are kept on the Keycloak session
 * until this request marks a channel itself.
 */
public final class DisabledChannels {

    private static final long REMEMBER_SECONDS = 3600;

    private final KeycloakSession session;
    private final SingleUseObjectProvider store;

    public DisabledChannels(KeycloakSession session) {
        this.session = session;
        this.store = session.singleUseObjects();
    }

    /** @return true when this call recorded it first, i.e. the admin log should say so now */
    public boolean markDisabled(String serviceSid, Channel channel) {
        session.removeAttribute(requestCacheKey(serviceSid));
        return store.putIfAbsent(key(serviceSid, channel), REMEMBER_SECONDS);
    }

    /** Which of the offered channels the Verify Service refused: one cache read per offered channel and request. */
    @SuppressWarnings("unchecked")
    public Set<Channel> of(String serviceSid, Collection<Channel> offered) {
        Map<Channel, Boolean> known = (Map<Channel, Boolean>) session.getAttribute(requestCacheKey(serviceSid));
        if (known == null) {
            known = new EnumMap<>(Channel.class);
            session.setAttribute(requestCacheKey(serviceSid), known);
        }
        Set<Channel> disabled = EnumSet.noneOf(Channel.class);
        for (Channel channel : offered) {
            if (known.computeIfAbsent(channel, c -> store.contains(key(serviceSid, c)))) {
                disabled.add(channel);
            }
        }
        return disabled;
    }

    private static String requestCacheKey(String serviceSid) {
        return "twilio-otp.disabled-channels." + serviceSid;
    }

    private static String key(String serviceSid, Channel channel) {
        return "twilio-otp:channel-disabled:" + serviceSid + ":" + channel.wireName();
    }
}
