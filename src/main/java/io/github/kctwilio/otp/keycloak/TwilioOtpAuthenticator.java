package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.verify.Channel;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The login step: sends a code through Twilio Verify to the user's phone (asking for a number first when the
 * account has none and the admin allows it) and lets the user in when Twilio approves the code.
 * Stateless: everything about one login lives in {@link OtpAuthState}; sending and checking live in
 * {@link CodeDelivery} and {@link CodeCheck}.
 */
public final class TwilioOtpAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(TwilioOtpAuthenticator.class);

    private final StepConfigLoader configLoader;
    private final CodeDelivery delivery;
    private final CodeCheck check;
    private final Clock clock;

    TwilioOtpAuthenticator(StepConfigLoader configLoader, CodeDelivery delivery, CodeCheck check, Clock clock) {
        this.configLoader = configLoader;
        this.delivery = delivery;
        this.check = check;
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<TwilioOtpConfig> config = loadConfig(context);
        if (config.isEmpty() || rejectLockedUser(context)) {
            return;
        }
        OtpAuthState state = new OtpAuthState(context.getAuthenticationSession());
        Instant now = clock.instant();
        if (state.verificationSid().isPresent()) {
            // A reload, the back button, a second tab: show the pending code form again, never send another code.
            PageMessage message = state.verificationPending(now) ? null : PageMessage.error(OtpMessages.CODE_EXPIRED);
            context.challenge(OtpForms.codeForm(context, config.get(), state, now, message));
        } else if (state.stage() == OtpAuthState.Stage.PHONE_ENTRY) {
            context.challenge(OtpForms.phoneForm(context, null, null));
        } else {
            startWithAccountNumber(context, config.get(), state, now);
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Optional<TwilioOtpConfig> config = loadConfig(context);
        if (config.isEmpty() || rejectLockedUser(context)) {
            return;
        }
        OtpAuthState state = new OtpAuthState(context.getAuthenticationSession());
        Instant now = clock.instant();
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (state.stage() == OtpAuthState.Stage.PHONE_ENTRY) {
            submitPhone(context, config.get(), state, form.getFirst(OtpFormFields.PHONE_NUMBER), now);
        } else if (form.containsKey(OtpFormFields.CHANNEL)) {
            switchChannel(context, config.get(), state, form.getFirst(OtpFormFields.CHANNEL), now);
        } else if (form.containsKey(OtpFormFields.RESEND)) {
            resend(context, config.get(), state, state.channel(), now);
        } else if (state.verificationSid().isEmpty()) {
            authenticate(context);
        } else {
            check.submit(context, config.get(), state, form.getFirst(OtpFormFields.CODE), now);
        }
    }

    /** First visit: use the number on the account, or ask for one. */
    private void startWithAccountNumber(AuthenticationFlowContext context, TwilioOtpConfig config, OtpAuthState state, Instant now) {
        String onFile = context.getUser().getFirstAttribute(CodeCheck.PHONE_ATTRIBUTE);
        if (onFile != null && !onFile.isBlank()) {
            Optional<String> number = PhoneNumbers.toE164(onFile, config.defaultRegion());
            if (number.isPresent()) {
                sendFirst(context, config, state, number.get(), false, now);
            } else {
                LOG.warnf("Twilio OTP: user %s in realm %s has a '%s' attribute that is not a valid phone number",
                        context.getUser().getId(), context.getRealm().getName(), CodeCheck.PHONE_ATTRIBUTE);
                context.getEvent().user(context.getUser()).error("twilio_invalid_phone_on_file");
                context.challenge(OtpForms.errorPage(context, OtpMessages.PHONE_ON_FILE_INVALID, Response.Status.OK));
            }
        } else if (config.allowPhoneSetup()) {
            state.askForPhone();
            context.challenge(OtpForms.phoneForm(context, null, null));
        } else {
            context.getEvent().user(context.getUser()).error("twilio_no_phone_number");
            context.challenge(OtpForms.errorPage(context, OtpMessages.NO_PHONE, Response.Status.OK));
        }
    }

    private void submitPhone(AuthenticationFlowContext context, TwilioOtpConfig config, OtpAuthState state, String typed, Instant now) {
        Optional<String> number = PhoneNumbers.toE164(typed, config.defaultRegion());
        if (number.isEmpty()) {
            context.challenge(OtpForms.phoneForm(context, typed,
                    PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, OtpMessages.INVALID_PHONE)));
            return;
        }
        sendFirst(context, config, state, number.get(), true, now);
    }

    private void sendFirst(AuthenticationFlowContext context, TwilioOtpConfig config, OtpAuthState state, String number,
                           boolean enrolling, Instant now) {
        Optional<Channel> channel = delivery.firstChannel(context, config, enrolling);
        if (channel.isEmpty()) {
            // Every offered channel was refused by the Verify Service as disabled; the admin log said so already.
            context.challenge(OtpForms.errorPage(context, OtpMessages.NO_CHANNEL, Response.Status.SERVICE_UNAVAILABLE));
            return;
        }
        delivery.send(context, config, state, number, enrolling, channel.get(), now, null);
    }

    /**
     * "Send a new code", also by another channel. Within Twilio's 10 minutes this re-sends the pending code under
     * the same verification; the cooldown and the caps apply to every send.
     */
    private void resend(AuthenticationFlowContext context, TwilioOtpConfig config, OtpAuthState state, Channel channel, Instant now) {
        if (OtpForms.resendWaitSeconds(config, state, now) > 0) {
            // The form itself says how long to wait; nothing is sent.
            context.challenge(OtpForms.codeForm(context, config, state, now, null));
        } else if (state.phone().isPresent()) {
            delivery.send(context, config, state, state.phone().get(), state.enrolling(), channel, now,
                    PageMessage.info(OtpMessages.NEW_CODE_SENT));
        } else {
            startWithAccountNumber(context, config, state, now);
        }
    }

    /** "Call me instead" and friends: only to channels this user may use here; anything else just shows the form. */
    private void switchChannel(AuthenticationFlowContext context, TwilioOtpConfig config, OtpAuthState state, String wanted, Instant now) {
        Optional<Channel> channel = Channel.fromWireName(wanted)
                .filter(c -> OtpForms.switchableChannels(context, config, state).contains(c));
        if (channel.isEmpty()) {
            context.challenge(OtpForms.codeForm(context, config, state, now, null));
            return;
        }
        resend(context, config, state, channel.get(), now);
    }

    /** Missing or malformed settings: one log line naming the setting, an error page, and nobody gets in. */
    private Optional<TwilioOtpConfig> loadConfig(AuthenticationFlowContext context) {
        try {
            return Optional.of(configLoader.load(context.getSession(), context.getAuthenticatorConfig()));
        } catch (ConfigException e) {
            LOG.errorf("%s (realm %s, flow execution %s)", e.getMessage(), context.getRealm().getName(), context.getExecution().getId());
            context.getEvent().error(Errors.INVALID_CONFIG);
            context.challenge(OtpForms.errorPage(context, OtpMessages.NOT_CONFIGURED, Response.Status.SERVICE_UNAVAILABLE));
            return Optional.empty();
        }
    }

    /** A user locked by brute-force protection gets neither a send nor a check. */
    private boolean rejectLockedUser(AuthenticationFlowContext context) {
        String lockError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser());
        if (lockError == null) {
            return false;
        }
        context.getEvent().user(context.getUser()).error(lockError);
        context.challenge(OtpForms.errorPage(context, OtpMessages.LOCKED, Response.Status.OK));
        return true;
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /** A user without a number is handled by the step itself (phone form, or a clear message). */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Nothing to set up outside the step.
    }

    @Override
    public void close() {
        // Stateless.
    }
}
