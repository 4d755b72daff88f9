package io.github.kctwilio.otp.config;

import io.github.kctwilio.otp.verify.Channel;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The choices a user has on the way to a code: which channels the step offers them now (the first send's, the code
 * form's buttons, a posted channel). How long until another code may be sent is the sign-in's
 * {@link io.github.kctwilio.otp.limits.ResendSchedule}.
 *
 * @param offered  channels the admin offers, in the admin's order, the default first
 * @param disabled channels the Verify Service refused as disabled (60223)
 * @param hasEmail whether the account has an email address
 */
public record SendChoices(List<Channel> offered, Set<Channel> disabled, boolean hasEmail) {

    /**
     * The usable channels, in the admin's order.
     *
     * @param phoneOnly true while a number is being proved (a code by email proves nothing about a phone) and in a
     *                  password reset (whose pages are the same whether or not the account has an email address)
     */
    public List<Channel> usable(boolean phoneOnly) {
        return offered.stream().filter(c -> ChannelRules.usable(c, offered, disabled, hasEmail, phoneOnly)).toList();
    }

    /** The channel of a first send: the default, unless the Verify Service refused it; empty when none is usable. */
    public Optional<Channel> first(boolean phoneOnly) {
        return usable(phoneOnly).stream().findFirst();
    }

    /**
     * "Call me instead" and friends: the channel posted, when the user may use it. Anything else (a forged or disabled
     * channel) is empty, so the rest of the request is handled as if it were not there.
     */
    public Optional<Channel> requested(String wanted, boolean phoneOnly) {
        return Channel.fromWireName(wanted).filter(usable(phoneOnly)::contains);
    }
}
