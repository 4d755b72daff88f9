package io.github.kctwilio.otp.config;

import io.github.kctwilio.otp.verify.Channel;
import java.util.List;
import java.util.Set;

/** Which delivery channels a user may use right now. */
public final class ChannelRules {

    private ChannelRules() {
    }

    /**
     * @param offered   channels the admin offers in this flow
     * @param disabled  channels the Verify Service refused as disabled (60223)
     * @param hasEmail  whether the account has an email address
     * @param enrolling whether the number is being added: a code by email proves nothing about a phone, so email
     *                  is then never offered
     */
    public static boolean usable(Channel channel, List<Channel> offered, Set<Channel> disabled, boolean hasEmail, boolean enrolling) {
        if (!offered.contains(channel) || disabled.contains(channel)) {
            return false;
        }
        return channel != Channel.EMAIL || (hasEmail && !enrolling);
    }
}
