package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.keycloak.credential.PhoneCredentialModel;
import io.github.kctwilio.otp.keycloak.credential.PhoneCredentialProvider;
import io.github.kctwilio.otp.keycloak.credential.UserPhones;
import io.github.kctwilio.otp.phone.PhoneFactor;
import io.github.kctwilio.otp.phone.PhonePolicy;
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
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * The login step: sends a code through Twilio Verify to the user's phone credential and lets the user in when Twilio
 * approves it. Users with no phone credential at all are handed to the required action "Verify phone number" (as
 * Keycloak hands users without an OTP device to "Configure OTP"); users whose credentials the realm can no longer use
 * are stopped, never handed to enrolment. In a reset-credentials flow it never tells whether the account exists or
 * has a number ({@link ResetCodeStep}). Stateless: everything about one login lives in {@link OtpAuthState}.
 */
public final class TwilioOtpAuthenticator implements Authenticator, CredentialValidator<PhoneCredentialProvider> {

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
        PhoneFactor phone = flow.getUser() == null ? null : readPhone(flow, loaded.get());
        if (phone != null && phone.kind() == PhoneFactor.Kind.ADOPT) {
            UserPhones.adopt(flow.getUser(), loaded.get().policy(), phone, now);
        }
        if (isResetFlow(flow)) {
            ResetCodeStep.start(flow, config, state, phone, isLocked(flow), delivery, now);
        } else if (phone == null) {
            LOG.errorf("Twilio OTP in realm %s runs before the user is known: put it after a step that identifies the user",
                    flow.getRealm().getName());
            flow.getEvent().error(Errors.INVALID_CONFIG);
            flow.challenge(OtpForms.errorPage(context, OtpMessages.NOT_CONFIGURED, Response.Status.SERVICE_UNAVAILABLE));
        } else {
            switch (phone.kind()) {
                case CREDENTIALS, ADOPT -> sendFirst(context, config, state, phone, false, now);
                case ENROL_BY_CODE -> proveAttributeNumber(flow, context, config, state, phone, now);
                case UNUSABLE -> unusableFactor(flow, context);
                case NONE -> withoutPhone(flow, context, config);
            }
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
        if (form.containsKey(OtpFormFields.OTHER_NUMBER) && state.enrolling()) {
            // The number taken from the account's attribute is not the user's: they enrol one of their choice instead.
            state.clear();
            withoutPhone(flow, context, config);
        } else if (form.containsKey(OtpFormFields.BACKUP_NUMBER) && state.otherNumber().isPresent()) {
            delivery.sendToBackup(context, config, state, now);
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

    /** Where this user's codes go; also drops a verified flag that no longer matches a credential's number. */
    private static PhoneFactor readPhone(AuthenticationFlowContext flow, StepConfigLoader.Loaded loaded) {
        PhoneFactor phone = UserPhones.read(flow.getSession(), flow.getUser(), loaded.policy(), loaded.config().defaultRegion());
        UserPhones.keepMirrorHonest(flow.getUser(), loaded.policy(), phone, loaded.config().defaultRegion());
        return phone;
    }

    /**
     * No phone credential at all: the required action when the admin allows setup here, this execution is REQUIRED
     * and the realm offers the action; otherwise a message.
     */
    private static void withoutPhone(AuthenticationFlowContext flow, OtpInteraction context, TwilioOtpConfig config) {
        UserModel user = flow.getUser();
        if (config.allowPhoneSetup() && flow.getExecution().isRequired() && VerifyPhoneRequiredActionFactory.enabledIn(flow.getRealm())) {
            // Keycloak's own hand-off for a step the user has not set up: this sign-in continues, and the user must
            // verify a number in the required action before it completes.
            user.addRequiredAction(ProviderIds.VERIFY_PHONE_ACTION);
            StepConfigLoader.handOver(flow.getAuthenticationSession(), flow.getExecution()); // the action uses this step's account
            flow.success();
            return;
        }
        flow.getEvent().user(user).error(OtpEvents.NO_PHONE_NUMBER);
        flow.challenge(OtpForms.errorPage(context, OtpMessages.NO_PHONE, Response.Status.OK));
    }

    /**
     * Phone credentials the realm can no longer use (the allowed countries were narrowed, a number became invalid):
     * fail closed. Handing the user to enrolment here would let anyone with the password add a number of their own.
     */
    private static void unusableFactor(AuthenticationFlowContext flow, OtpInteraction context) {
        LOG.warnf("Twilio OTP: user %s in realm %s has phone credentials, but none may receive codes under the realm's rules",
                flow.getUser().getId(), flow.getRealm().getName());
        flow.getEvent().user(flow.getUser()).error(OtpEvents.PHONE_UNUSABLE);
        flow.challenge(OtpForms.errorPage(context, OtpMessages.PHONE_ON_FILE_INVALID, Response.Status.OK));
    }

    /**
     * An account without a phone credential whose attribute holds a number users could have typed themselves: a code
     * to it proves it, and it becomes the account's phone on approval. Setup must be allowed here, as for enrolment.
     */
    private void proveAttributeNumber(AuthenticationFlowContext flow, OtpInteraction context, TwilioOtpConfig config,
                                      OtpAuthState state, PhoneFactor phone, Instant now) {
        if (!config.allowPhoneSetup()) {
            withoutPhone(flow, context, config);
            return;
        }
        sendFirst(context, config, state, phone, true, now);
    }

    private void sendFirst(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, PhoneFactor phone,
                           boolean enrolling, Instant now) {
        Optional<Channel> channel = delivery.firstChannel(context, config, enrolling);
        if (channel.isEmpty()) {
            // Every offered channel was refused by the Verify Service as disabled; the admin log said so already.
            context.challenge(OtpForms.errorPage(context, OtpMessages.NO_CHANNEL, Response.Status.SERVICE_UNAVAILABLE));
            return;
        }
        phone.backup().ifPresent(backup -> state.twoNumbers(phone.primary().orElseThrow(), backup));
        delivery.send(context, config, state, phone.primary().orElseThrow(), enrolling, channel.get(), now, null);
    }

    /** Twilio approved: a number proved by this code becomes a credential if it was not one, and the step succeeds. */
    private void approved(AuthenticationFlowContext flow, PhonePolicy policy, CodeCheck.Approval approval) {
        if (approval.provesPhone()) {
            UserPhones.recordProof(flow.getUser(), policy, approval.number(), clock.instant());
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
     * The user holds a phone credential ("Condition - user configured", "Try another way" ask this), or, for an account
     * that never had one, its attribute holds a number the step will take over (an upgrade from the attribute-based
     * versions, an imported user base): such users must not skip the step before it made their number a credential.
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        if (user == null) {
            return false;
        }
        if (UserPhones.hasCredential(user)) {
            return true;
        }
        try {
            PhoneFactor.Kind kind = UserPhones.read(session, user, UserPhones.policy(realm), null).kind();
            return kind == PhoneFactor.Kind.ADOPT || kind == PhoneFactor.Kind.ENROL_BY_CODE;
        } catch (ConfigException e) {
            return true; // run the step: it reports the bad setting and lets nobody in
        }
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        user.addRequiredAction(ProviderIds.VERIFY_PHONE_ACTION);
    }

    @Override
    public List<RequiredActionFactory> getRequiredActions(KeycloakSession session) {
        return List.of((RequiredActionFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(org.keycloak.authentication.RequiredActionProvider.class, ProviderIds.VERIFY_PHONE_ACTION));
    }

    @Override
    public PhoneCredentialProvider getCredentialProvider(KeycloakSession session) {
        return (PhoneCredentialProvider) session.getProvider(org.keycloak.credential.CredentialProvider.class, PhoneCredentialModel.TYPE);
    }

    @Override
    public void close() {
        // Stateless.
    }
}
