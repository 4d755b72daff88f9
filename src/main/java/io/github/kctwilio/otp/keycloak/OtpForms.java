package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.ChannelRules;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.phone.EmailAddresses;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/** Builds the pages of the step. One form per response: {@code context.form()} makes a fresh action URL each call. */
final class OtpForms {

    private OtpForms() {
    }

    /**
     * The phone-number form.
     *
     * @param typed   what the user typed last time, shown again (escaped by the template); may be null
     * @param message an error for the phone field or the page; null for none
     */
    static Response phoneForm(OtpInteraction context, String typed, PageMessage message) {
        LoginFormsProvider form = context.form();
        if (message != null) {
            message.applyTo(form);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("phoneInput", typed == null || typed.length() > PhoneNumbers.MAX_INPUT_LENGTH ? "" : typed);
        return form.setAttribute(OtpFormFields.MODEL, model).createForm(OtpFormFields.PHONE_TEMPLATE);
    }

    /**
     * The code form, for the verification recorded in {@code state}.
     *
     * @param message an error for the code field or the page, or an info line; null for none
     */
    static Response codeForm(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, Instant now,
                             PageMessage message) {
        LoginFormsProvider form = context.form();
        if (state.targetHidden()) {
            // Keycloak's page header shows the account's username once a user is set, and nothing for an unknown
            // name: in a reset, that alone would tell them apart. Without the flow context it shows neither.
            form.setAuthContext(null);
        }
        if (message != null) {
            message.applyTo(form);
        }
        boolean pending = state.verificationPending(now);
        Map<String, Object> model = new HashMap<>();
        model.put("maskedTarget", maskedTarget(state));
        model.put("channel", state.channel().wireName());
        model.put("codeAccepted", pending);
        model.put("enrolling", state.enrolling() && !state.targetHidden());
        model.put("resendWaitSeconds", resendWaitSeconds(config, state, now));
        model.put("maskedBackup", state.targetHidden() ? "" : state.otherNumber().map(PhoneNumbers::mask).orElse(""));
        model.put("alternatives", switchableChannels(context, config, state).stream()
                .filter(c -> c != state.channel()).map(Channel::wireName).toList());
        return form.setAttribute(OtpFormFields.MODEL, model).createForm(OtpFormFields.CODE_TEMPLATE);
    }

    /**
     * "Call me instead" and friends: a channel this user may use here. Anything else in the field (a forged or
     * disabled channel) is ignored, so the rest of the request is handled as if it were not there.
     */
    static Optional<Channel> requestedChannel(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, String wanted) {
        if (wanted == null) {
            return Optional.empty();
        }
        return Channel.fromWireName(wanted).filter(c -> switchableChannels(context, config, state).contains(c));
    }

    /** Channels this user may ask for on the code form (email only with an address, and never for a new number). */
    static List<Channel> switchableChannels(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state) {
        // A hidden target (a reset) offers phone channels only, whether or not the account exists or has an email.
        return usableChannels(context, config, state.enrolling() || state.targetHidden());
    }

    /** The offered channels this user may use now, in the admin's order, without those the Verify Service disabled. */
    static List<Channel> usableChannels(OtpInteraction context, TwilioOtpConfig config, boolean enrolling) {
        Set<Channel> disabled = new DisabledChannels(context.getSession()).of(config.credentials().serviceSid(), config.channels());
        boolean hasEmail = context.getUser() != null && context.getUser().getEmail() != null;
        return config.channels().stream()
                .filter(c -> ChannelRules.usable(c, config.channels(), disabled, hasEmail, enrolling))
                .toList();
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

    /** A page with only a message, for problems the user cannot fix on a form. */
    static Response errorPage(OtpInteraction context, String key, Response.Status status) {
        return context.form().setError(key).createErrorPage(status);
    }

    /** Seconds until a new code may be requested; 0 when it may be now. Rendered by the server, so it works without JavaScript. */
    static long resendWaitSeconds(TwilioOtpConfig config, OtpAuthState state, Instant now) {
        return state.sentAt()
                .map(sent -> Duration.between(now, sent.plus(config.resendCooldown())).toMillis())
                .filter(millis -> millis > 0)
                .map(millis -> (millis + 999) / 1000)
                .orElse(0L);
    }

    /** A message on a form: bound to one field, or for the whole page. */
    record PageMessage(Kind kind, String field, String key, Object... params) {

        enum Kind { FIELD_ERROR, ERROR, INFO }

        static PageMessage fieldError(String field, String key) {
            return new PageMessage(Kind.FIELD_ERROR, field, key);
        }

        static PageMessage error(String key, Object... params) {
            return new PageMessage(Kind.ERROR, null, key, params);
        }

        static PageMessage info(String key, Object... params) {
            return new PageMessage(Kind.INFO, null, key, params);
        }

        void applyTo(LoginFormsProvider form) {
            switch (kind) {
                case FIELD_ERROR -> form.addError(new FormMessage(field, key, params));
                case ERROR -> form.setError(key, params);
                case INFO -> form.setInfo(key, params);
            }
        }
    }
}
