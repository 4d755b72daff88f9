package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.keycloak.page.CodeFormView;
import io.github.kctwilio.otp.phone.EmailAddresses;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.verify.Channel;
import java.time.Instant;
import java.util.List;

/** What the code form shows for the verification of this sign-in. */
public final class CodeFormViews {

    private CodeFormViews() {
    }

    public static CodeFormView of(OtpRequest request) {
        OtpAuthState state = request.state();
        Instant now = request.now();
        boolean hidden = state.targetHidden();
        // A number Twilio's risk checks refused gets no new code, by any channel: the form offers none.
        boolean resendOffered = state.phone().filter(state::refused).isEmpty();
        return new CodeFormView(
                maskedTarget(state),
                state.channel().wireName(),
                state.verificationPending(now),
                state.enrolling() && !hidden,
                state.secondsUntilResend(request.config().resendWaits(), now),
                hidden ? "" : state.otherNumber().map(PhoneNumbers::mask).orElse(""),
                !resendOffered ? List.of() : request.context().choices(request.config()).usable(state.phoneChannelsOnly()).stream()
                        .filter(c -> c != state.channel()).map(Channel::wireName).toList(),
                hidden,
                resendOffered,
                webOtp(request));
    }

    /**
     * The browser may read the code from the SMS (WebOTP) only when the admin set a message template (which can bind
     * the code to this host) and the code went by SMS. The decoy of a reset decides the same way, so it looks alike.
     */
    private static boolean webOtp(OtpRequest request) {
        return request.config().sendOptions().templateSid() != null && request.state().channel() == Channel.SMS;
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
