package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.config.SendChoices;
import io.github.kctwilio.otp.keycloak.page.CodeFormView;
import io.github.kctwilio.otp.phone.EmailAddresses;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.verify.Channel;
import java.time.Instant;

/** What the code form shows for the verification of this sign-in. */
public final class CodeFormViews {

    private CodeFormViews() {
    }

    public static CodeFormView of(OtpRequest request) {
        OtpAuthState state = request.state();
        Instant now = request.now();
        boolean hidden = state.targetHidden();
        return new CodeFormView(
                maskedTarget(state),
                state.channel().wireName(),
                state.verificationPending(now),
                state.enrolling() && !hidden,
                SendChoices.resendWaitSeconds(request.config().resendCooldown(), state.sentAt(), now),
                hidden ? "" : state.otherNumber().map(PhoneNumbers::mask).orElse(""),
                request.context().choices(request.config()).usable(state.phoneChannelsOnly()).stream()
                        .filter(c -> c != state.channel()).map(Channel::wireName).toList(),
                hidden);
    }

    private static String maskedTarget(OtpAuthState state) {
        if (state.targetHidden()) {
            return "";
        }
        if (state.channel() == Channel.EMAIL && state.target().isPresent()) {
            return EmailAddresses.mask(state.target().get());
        }
        return state.phone().map(PhoneNumbers::mask).orElse("");
    }
}
