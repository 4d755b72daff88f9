package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.phone.PhonePolicy;
import io.github.kctwilio.otp.keycloak.store.StepConfigLoader;
import io.github.kctwilio.otp.verify.Channel;
import java.time.Instant;
import java.util.Optional;

/**
 * One request of the step or the action, as the exchange sees it: who asks, under which settings and phone rules, how
 * far this sign-in got, and when (one instant for the whole request, so its decisions agree with each other).
 */
public record OtpRequest(OtpInteraction context, TwilioOtpConfig config, PhonePolicy policy, OtpAuthState state, Instant now) {

    public static OtpRequest of(OtpInteraction context, StepConfigLoader.Loaded loaded, Instant now) {
        return new OtpRequest(context, loaded.config(), loaded.policy(), OtpAuthState.of(context), now);
    }

    /**
     * "Call me instead" and friends: the posted channel when this user may switch to it here. Anything else (a forged
     * or disabled channel) is empty, so the rest of the request is handled as if it were not there.
     */
    public Optional<Channel> requestedChannel(String wanted) {
        if (wanted == null) {
            return Optional.empty(); // most posts: a code; no need to look up disabled channels
        }
        return context.choices(config).requested(wanted, state.phoneChannelsOnly());
    }
}
