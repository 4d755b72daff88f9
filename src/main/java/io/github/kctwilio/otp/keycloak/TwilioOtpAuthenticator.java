package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.PhonePolicy;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.phone.PhoneOnFile;
import io.github.kctwilio.otp.verify.Channel;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.storage.ReadOnlyException;

/**
 * The login step: sends a code through Twilio Verify to the user's number and lets the user in when Twilio approves
 * it. Users without a usable number are handed to the required action "Verify phone number" (as Keycloak hands users
 * without an OTP device to "Configure OTP"). In a reset-credentials flow it never tells whether the account exists
 * or has a number ({@link ResetCodeStep}). Stateless: everything about one login lives in {@link OtpAuthState}.
 */
public final class TwilioOtpAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(TwilioOtpAuthenticator.class);
    /** {@code LoginActionsService.RESET_CREDENTIALS_PATH}, the flow path of "forgot password". */
    static final String RESET_CREDENTIALS_PATH = "reset-credentials";

    private final StepConfigLoader configLoader;
    private final CodeDelivery delivery;
    private final CodeCheck check;
    private final Clock clock;

    TwilioOtpAuthenticator(OtpServices services) {
        this.configLoader = services.configLoader();
        this.delivery = services.delivery();
        this.check = services.check();
        this.clock = services.clock();
    }

    @Override
    public void authenticate(AuthenticationFlowContext flow) {
        Optional<StepConfigLoader.Loaded> loaded = loadConfig(flow);
        if (loaded.isEmpty() || rejectLockedUser(flow)) {
            return;
        }
        TwilioOtpConfig config = loaded.get().config();
        OtpInteraction context = OtpInteraction.of(flow);
        OtpAuthState state = OtpAuthState.of(context);
        Instant now = clock.instant();
        if (state.verificationSid().isPresent()) {
            // A reload, the back button, a second tab: show the pending code form again, never send another code.
            PageMessage message = state.verificationPending(now) ? null : PageMessage.error(OtpMessages.CODE_EXPIRED);
            flow.challenge(OtpForms.codeForm(context, config, state, now, message));
            return;
        }
        PhoneOnFile phone = flow.getUser() == null ? null : UserPhone.read(flow.getUser(), loaded.get().policy(), config.defaultRegion());
        if (phone != null) {
            UserPhone.dropStaleVerifiedFlag(flow.getUser(), loaded.get().policy(), phone);
        }
        if (isResetFlow(flow)) {
            ResetCodeStep.start(flow, config, state, phone, isLocked(flow), delivery, now);
        } else if (phone == null) {
            LOG.errorf("Twilio OTP in realm %s runs before the user is known: put it after a step that identifies the user",
                    flow.getRealm().getName());
            flow.getEvent().error(Errors.INVALID_CONFIG);
            flow.challenge(OtpForms.errorPage(context, OtpMessages.NOT_CONFIGURED, Response.Status.SERVICE_UNAVAILABLE));
        } else if (phone.usable()) {
            sendFirst(context, config, state, phone.number().orElseThrow(), now);
        } else {
            withoutUsableNumber(flow, context, config, phone);
        }
    }

    @Override
    public void action(AuthenticationFlowContext flow) {
        Optional<StepConfigLoader.Loaded> loaded = loadConfig(flow);
        if (loaded.isEmpty() || rejectLockedUser(flow)) {
            return;
        }
        TwilioOtpConfig config = loaded.get().config();
        OtpInteraction context = OtpInteraction.of(flow);
        OtpAuthState state = OtpAuthState.of(context);
        Instant now = clock.instant();
        MultivaluedMap<String, String> form = flow.getHttpRequest().getDecodedFormParameters();
        Optional<Channel> switchTo = OtpForms.requestedChannel(context, config, state, form.getFirst(OtpFormFields.CHANNEL));
        if (isResetFlow(flow) && isLocked(flow)) {
            state.decoyFromNowOn(); // a lock must look like any wrong code here, or it would tell the account exists
        }
        if (state.decoy()) {
            ResetCodeStep.decoyAction(flow, config, state, form, switchTo, delivery, now);
        } else if (switchTo.isPresent() || form.containsKey(OtpFormFields.RESEND)) {
            if (!delivery.resend(context, config, state, switchTo.orElse(state.channel()), now)) {
                authenticate(flow);
            }
        } else if (state.verificationSid().isEmpty()) {
            authenticate(flow);
        } else {
            check.submit(context, config, state, form.getFirst(OtpFormFields.CODE), now)
                    .ifPresent(approval -> approved(flow, loaded.get().policy(), approval));
        }
    }

    /**
     * No number codes may go to: the required action when the admin allows setup here, this execution is REQUIRED
     * and the realm offers the action; otherwise a message.
     */
    private static void withoutUsableNumber(AuthenticationFlowContext flow, OtpInteraction context, TwilioOtpConfig config,
                                            PhoneOnFile phone) {
        UserModel user = flow.getUser();
        if (config.allowPhoneSetup() && flow.getExecution().isRequired() && VerifyPhoneRequiredActionFactory.enabledIn(flow.getRealm())) {
            // Keycloak's own hand-off for a step the user has not set up: this sign-in continues, and the user must
            // verify a number in the required action before it completes.
            user.addRequiredAction(VerifyPhoneRequiredActionFactory.PROVIDER_ID);
            flow.success();
            return;
        }
        String key = switch (phone.status()) {
            case INVALID -> OtpMessages.PHONE_ON_FILE_INVALID;
            case NOT_ALLOWED -> OtpMessages.COUNTRY_NOT_ALLOWED;
            default -> OtpMessages.NO_PHONE;
        };
        if (phone.status() == PhoneOnFile.Status.INVALID) {
            LOG.warnf("Twilio OTP: user %s in realm %s has a phone attribute that is not a valid phone number",
                    user.getId(), flow.getRealm().getName());
        }
        flow.getEvent().user(user).error(phone.status() == PhoneOnFile.Status.NONE ? "twilio_no_phone_number" : "twilio_invalid_phone_on_file");
        flow.challenge(OtpForms.errorPage(context, key, Response.Status.OK));
    }

    private void sendFirst(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, String number, Instant now) {
        Optional<Channel> channel = delivery.firstChannel(context, config, false);
        if (channel.isEmpty()) {
            // Every offered channel was refused by the Verify Service as disabled; the admin log said so already.
            context.challenge(OtpForms.errorPage(context, OtpMessages.NO_CHANNEL, Response.Status.SERVICE_UNAVAILABLE));
            return;
        }
        delivery.send(context, config, state, number, false, channel.get(), now, null);
    }

    /** Twilio approved: the number is now verified (bound to exactly this number), and the step succeeds. */
    private static void approved(AuthenticationFlowContext flow, PhonePolicy policy, CodeCheck.Approval approval) {
        try {
            UserPhone.recordApproval(flow.getUser(), policy, approval);
        } catch (ReadOnlyException e) {
            // A number from a read-only directory: the code proved it, we just cannot note that on the account.
            LOG.debugf("Twilio OTP: user %s is read-only; the verified mark was not stored", flow.getUser().getId());
        }
        if (approval.provesPhone()) {
            // A pending "Verify phone number" (set at signup or by an admin) need not send a second code for it.
            OtpAuthState.verifiedInThisLogin(flow.getAuthenticationSession(), approval.number());
        }
        OtpEvents.event(OtpInteraction.of(flow), approval.channel(), approval.number());
        // "otp" clears the brute-force failures of wrong codes; Keycloak 26.2 has only success().
        FlowSuccess.succeed(flow, OTPCredentialModel.TYPE);
    }

    static boolean isResetFlow(AuthenticationFlowContext flow) {
        return RESET_CREDENTIALS_PATH.equals(flow.getFlowPath());
    }

    /** Missing or malformed settings: one log line naming the setting, an error page, and nobody gets in. */
    private Optional<StepConfigLoader.Loaded> loadConfig(AuthenticationFlowContext flow) {
        try {
            return Optional.of(configLoader.load(flow.getSession(), flow.getRealm(),
                    flow.getAuthenticatorConfig() == null ? null : flow.getAuthenticatorConfig().getConfig()));
        } catch (ConfigException e) {
            LOG.errorf("%s (realm %s, flow execution %s)", e.getMessage(), flow.getRealm().getName(), flow.getExecution().getId());
            flow.getEvent().error(Errors.INVALID_CONFIG);
            flow.challenge(OtpForms.errorPage(OtpInteraction.of(flow), OtpMessages.NOT_CONFIGURED, Response.Status.SERVICE_UNAVAILABLE));
            return Optional.empty();
        }
    }

    /**
     * A user locked by brute-force protection gets neither a send nor a check. At sign-in they are told so; in a
     * password reset they get the decoy (see {@link ResetCodeStep}), since a lock only happens to existing accounts.
     */
    private static boolean rejectLockedUser(AuthenticationFlowContext flow) {
        if (isResetFlow(flow) || !isLocked(flow)) {
            return false;
        }
        flow.getEvent().user(flow.getUser()).error(AuthenticatorUtils.getDisabledByBruteForceEventError(flow, flow.getUser()));
        flow.challenge(OtpForms.errorPage(OtpInteraction.of(flow), OtpMessages.LOCKED, Response.Status.OK));
        return true;
    }

    private static boolean isLocked(AuthenticationFlowContext flow) {
        return flow.getUser() != null && AuthenticatorUtils.getDisabledByBruteForceEventError(flow, flow.getUser()) != null;
    }

    /**
     * False: in a reset-credentials flow the step must also run when no account matched, or it would tell that apart.
     * Elsewhere the step itself refuses to run before a user is known.
     */
    @Override
    public boolean requiresUser() {
        return false;
    }

    /**
     * A number is on file ("Condition - user configured" asks this). Any number counts, even one this method cannot
     * read (it has no execution settings, so no default region) or one outside the allowed countries: in doubt the
     * step runs, and it then sends a code, hands over to the required action, or explains. Never skipped by mistake.
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        if (user == null) {
            return false;
        }
        try {
            return UserPhone.read(user, UserPhone.policy(realm), null).status() != PhoneOnFile.Status.NONE;
        } catch (ConfigException e) {
            return true; // run the step: it reports the bad setting and lets nobody in
        }
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        user.addRequiredAction(VerifyPhoneRequiredActionFactory.PROVIDER_ID);
    }

    @Override
    public List<RequiredActionFactory> getRequiredActions(KeycloakSession session) {
        return List.of((RequiredActionFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(org.keycloak.authentication.RequiredActionProvider.class, VerifyPhoneRequiredActionFactory.PROVIDER_ID));
    }

    @Override
    public void close() {
        // Stateless.
    }
}
