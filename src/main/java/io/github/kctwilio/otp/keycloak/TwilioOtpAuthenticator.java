package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.verify.CheckResult;
import io.github.kctwilio.otp.verify.StartedVerification;
import io.github.kctwilio.otp.verify.VerificationCodes;
import io.github.kctwilio.otp.verify.VerificationRequest;
import io.github.kctwilio.otp.verify.VerifyException;
import io.github.kctwilio.otp.verify.VerifyFailure;
import io.github.kctwilio.otp.verify.VerifyGateway;
import io.github.kctwilio.otp.verify.VerifyGateways;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * The login step: sends a code through Twilio Verify to the user's phone (asking for a number first when the
 * account has none and the admin allows it) and lets the user in when Twilio approves the code.
 * Stateless: everything about one login lives in {@link OtpAuthState}.
 */
public final class TwilioOtpAuthenticator implements Authenticator {

    /** Attribute names of Keycloak's built-in {@code phone} client scope. */
    static final String PHONE_ATTRIBUTE = "phoneNumber";
    static final String PHONE_VERIFIED_ATTRIBUTE = "phoneNumberVerified";

    private static final Logger LOG = Logger.getLogger(TwilioOtpAuthenticator.class);

    private final StepConfigLoader configLoader;
    private final VerifyGateways gateways;
    private final Clock clock;

    TwilioOtpAuthenticator(StepConfigLoader configLoader, VerifyGateways gateways, Clock clock) {
        this.configLoader = configLoader;
        this.gateways = gateways;
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
        } else if (form.containsKey(OtpFormFields.RESEND)) {
            resend(context, config.get(), state, now);
        } else if (state.verificationSid().isEmpty()) {
            authenticate(context);
        } else {
            submitCode(context, config.get(), state, form.getFirst(OtpFormFields.CODE), now);
        }
    }

    /** First visit: use the number on the account, or ask for one. */
    private void startWithAccountNumber(AuthenticationFlowContext context, TwilioOtpConfig config, OtpAuthState state, Instant now) {
        String onFile = context.getUser().getFirstAttribute(PHONE_ATTRIBUTE);
        if (onFile != null && !onFile.isBlank()) {
            Optional<String> number = PhoneNumbers.toE164(onFile, config.defaultRegion());
            if (number.isPresent()) {
                send(context, config, state, number.get(), false, now, null);
            } else {
                LOG.warnf("Twilio OTP: user %s in realm %s has a '%s' attribute that is not a valid phone number",
                        context.getUser().getId(), context.getRealm().getName(), PHONE_ATTRIBUTE);
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
            context.challenge(OtpForms.phoneForm(context, typed, OtpMessages.INVALID_PHONE));
            return;
        }
        send(context, config, state, number.get(), true, now, null);
    }

    private void resend(AuthenticationFlowContext context, TwilioOtpConfig config, OtpAuthState state, Instant now) {
        if (OtpForms.resendWaitSeconds(config, state, now) > 0) {
            // The form itself says how long to wait; nothing is sent.
            context.challenge(OtpForms.codeForm(context, config, state, now, null));
        } else if (state.phone().isPresent()) {
            // Within Twilio's 10 minutes this re-sends the pending code under the same verification.
            send(context, config, state, state.phone().get(), state.enrolling(), now, PageMessage.info(OtpMessages.NEW_CODE_SENT));
        } else {
            startWithAccountNumber(context, config, state, now);
        }
    }

    private void send(AuthenticationFlowContext context, TwilioOtpConfig config, OtpAuthState state, String number,
                      boolean enrolling, Instant now, PageMessage onSuccess) {
        context.getEvent().user(context.getUser())
                .detail("twilio_channel", config.defaultChannel().wireName())
                .detail("twilio_phone", PhoneNumbers.mask(number));
        try {
            StartedVerification started = gateway(config).start(new VerificationRequest(number, config.defaultChannel(),
                    null, context.getConnection().getRemoteAddr(), Map.of("realm", context.getRealm().getName())));
            state.codeSent(started.sid(), number, started.channel(), now, enrolling);
            context.challenge(OtpForms.codeForm(context, config, state, now, onSuccess));
        } catch (VerifyException e) {
            report(context, "send", e);
            if (enrolling && SendFailures.numberRejected(e.failure())) {
                state.askForPhone();
                context.challenge(OtpForms.phoneForm(context, number, SendFailures.messageKey(e.failure())));
            } else {
                context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.error(SendFailures.messageKey(e.failure()))));
            }
        }
    }

    private void submitCode(AuthenticationFlowContext context, TwilioOtpConfig config, OtpAuthState state, String typed, Instant now) {
        if (!state.verificationPending(now)) {
            context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.error(OtpMessages.CODE_EXPIRED)));
            return;
        }
        if (typed == null || typed.isBlank()) {
            context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.fieldError(OtpMessages.MISSING_CODE)));
            return;
        }
        Optional<String> code = VerificationCodes.normalize(typed);
        if (code.isEmpty()) {
            // Cannot be a code: not worth a Twilio request, and not a guess worth counting.
            context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.fieldError(OtpMessages.INVALID_CODE_FORMAT)));
            return;
        }
        try {
            CheckResult result = gateway(config).check(state.verificationSid().orElseThrow(), code.get());
            if (result == CheckResult.APPROVED) {
                approved(context, state);
            } else {
                context.getEvent().user(context.getUser()).error(Errors.INVALID_USER_CREDENTIALS);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                        OtpForms.codeForm(context, config, state, now, PageMessage.fieldError(OtpMessages.WRONG_CODE)));
            }
        } catch (VerifyException e) {
            report(context, "check", e);
            if (e.failure() == VerifyFailure.VERIFICATION_NOT_FOUND || e.failure() == VerifyFailure.TOO_MANY_CHECKS) {
                state.verificationEnded();
            }
            context.challenge(OtpForms.codeForm(context, config, state, now, PageMessage.error(SendFailures.messageKey(e.failure()))));
        }
    }

    private void approved(AuthenticationFlowContext context, OtpAuthState state) {
        UserModel user = context.getUser();
        String number = state.phone().orElseThrow();
        if (state.enrolling()) {
            user.setSingleAttribute(PHONE_ATTRIBUTE, number);
        }
        if (!"true".equals(user.getFirstAttribute(PHONE_VERIFIED_ATTRIBUTE))) {
            user.setSingleAttribute(PHONE_VERIFIED_ATTRIBUTE, "true");
        }
        state.clear();
        context.success(OTPCredentialModel.TYPE);
    }

    private VerifyGateway gateway(TwilioOtpConfig config) {
        return gateways.gatewayFor(config.credentials());
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

    /** Twilio's failures go to the admin log (never a number or a code) and to the event. */
    private static void report(AuthenticationFlowContext context, String operation, VerifyException e) {
        if (e.failure().needsAdminAttention()) {
            LOG.warnf("Twilio OTP %s failed in realm %s: %s", operation, context.getRealm().getName(), e.describe());
        } else {
            LOG.debugf("Twilio OTP %s refused in realm %s: %s", operation, context.getRealm().getName(), e.describe());
        }
        context.getEvent().user(context.getUser()).error(SendFailures.eventError(e.failure()));
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
