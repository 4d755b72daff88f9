package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.keycloak.remember.DeviceMemory;
import io.github.kctwilio.otp.keycloak.store.VerifyPhoneActionSwitch;
import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.keycloak.page.OtpFormFields;
import io.github.kctwilio.otp.keycloak.exchange.OtpInteraction;
import io.github.kctwilio.otp.keycloak.exchange.Outcome;
import io.github.kctwilio.otp.keycloak.exchange.ResetCodeStep;
import io.github.kctwilio.otp.keycloak.exchange.CodeDelivery;
import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import io.github.kctwilio.otp.keycloak.exchange.NumberScreen;
import io.github.kctwilio.otp.keycloak.exchange.OtpAuthState;
import io.github.kctwilio.otp.keycloak.exchange.OtpRequest;
import io.github.kctwilio.otp.keycloak.store.PhoneHolderLookup;
import io.github.kctwilio.otp.keycloak.store.UserPhones;
import io.github.kctwilio.otp.keycloak.store.PhoneCredentialProvider;
import io.github.kctwilio.otp.keycloak.store.StepConfigLoader;
import io.github.kctwilio.otp.keycloak.store.PhoneCredentialModel;
import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.Setting;
import io.github.kctwilio.otp.phone.PhoneFactor;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.verify.Channel;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
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

    /** Settings, sending, checking and the clock, shared by every entry point. */
    private final OtpServices services;

    TwilioOtpAuthenticator(OtpServices services) {
        this.services = services;
    }

    @Override
    public void authenticate(AuthenticationFlowContext flow) {
        run(flow, this::start);
    }

    @Override
    public void action(AuthenticationFlowContext flow) {
        run(flow, this::answer);
    }

    /**
     * Reads the settings, stops a locked user, lets {@code decide} choose the outcome and turns it into the response:
     * the one place where this step draws a page or ends.
     */
    private void run(AuthenticationFlowContext flow, BiFunction<AuthenticationFlowContext, OtpRequest, Outcome> decide) {
        Optional<StepConfigLoader.Loaded> loaded = loadConfig(flow);
        if (loaded.isEmpty()) {
            respond(flow, null, Outcome.errorPage(OtpMessages.NOT_CONFIGURED, Response.Status.SERVICE_UNAVAILABLE));
            return;
        }
        if (!ResetCodeStep.isResetFlow(flow) && isLocked(flow)) {
            // No send and no services.check(). In a password reset the decoy answers instead (ResetCodeStep): only existing
            // accounts get locked, so a different page there would tell that the account exists.
            flow.getEvent().user(flow.getUser()).error(AuthenticatorUtils.getDisabledByBruteForceEventError(flow, flow.getUser()));
            respond(flow, null, Outcome.errorPage(OtpMessages.LOCKED, Response.Status.OK));
            return;
        }
        OtpInteraction context = OtpInteraction.of(flow);
        OtpRequest request = OtpRequest.of(context, loaded.get(), services.clock().instant());
        respond(flow, request, decide.apply(flow, request));
    }

    private void respond(AuthenticationFlowContext flow, OtpRequest request, Outcome outcome) {
        switch (outcome.kind()) {
            case APPROVED -> approved(flow, request, outcome.approval());
            case PROCEED -> flow.success();
            case WRONG_CODE -> {
                Response page = OutcomePages.draw(DeviceMemory.of(flow).form(), request, outcome);
                if (flow.getUser() == null) {
                    flow.challenge(page); // no account to count against (a reset for an unknown name)
                } else {
                    flow.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
                }
            }
            default -> flow.challenge(OutcomePages.draw(DeviceMemory.of(flow).form(), request, outcome));
        }
    }

    /** The first request of the step, or one that finds no code pending. */
    private Outcome start(AuthenticationFlowContext flow, OtpRequest request) {
        Optional<Outcome> pending = CodeDelivery.pending(request);
        if (pending.isPresent()) {
            return pending.get();
        }
        PhoneFactor phone = flow.getUser() == null ? null : readPhone(flow, request);
        if (phone != null && phone.kind() == PhoneFactor.Kind.ADOPT) {
            phone = adopt(flow, request, phone);
        }
        if (ResetCodeStep.isResetFlow(flow)) {
            return ResetCodeStep.start(flow, request, phone, isLocked(flow), services.delivery());
        }
        if (phone == null) {
            LOG.errorf("Twilio OTP in realm %s runs before the user is known: put it after a step that identifies the user",
                    flow.getRealm().getName());
            flow.getEvent().error(Errors.INVALID_CONFIG);
            return Outcome.errorPage(OtpMessages.NOT_CONFIGURED, Response.Status.SERVICE_UNAVAILABLE);
        }
        if (phone.kind() == PhoneFactor.Kind.CREDENTIALS && DeviceMemory.of(flow).recognises(flow.getUser(), phone::numbers)) {
            return Outcome.proceed(); // a remembered device: no code, no Twilio request
        }
        return switch (phone.kind()) {
            case CREDENTIALS, ADOPT -> sendFirst(flow, request, phone, false);
            // A number users could have typed themselves: a code to it proves it, and it becomes the account's phone
            // on approval. Setup must be allowed here, as for enrolment.
            case ENROL_BY_CODE -> request.config().allowPhoneSetup() ? sendFirst(flow, request, phone, true) : withoutPhone(flow, request);
            case UNUSABLE -> unusableFactor(flow);
            case NONE -> withoutPhone(flow, request);
        };
    }

    /** A posted form: a code, a resend, another channel, the other number. */
    private Outcome answer(AuthenticationFlowContext flow, OtpRequest request) {
        OtpAuthState state = request.state();
        MultivaluedMap<String, String> form = flow.getHttpRequest().getDecodedFormParameters();
        Optional<Channel> switchTo = request.requestedChannel(form.getFirst(OtpFormFields.CHANNEL));
        if (ResetCodeStep.isResetFlow(flow) && isLocked(flow)) {
            state.decoyFromNowOn(); // a lock must look like any wrong code here, or it would tell the account exists
        }
        if (form.containsKey(OtpFormFields.OTHER_NUMBER) && state.enrolling()) {
            // The number taken from the account's attribute is not the user's: they enrol one of their choice instead.
            state.startOver();
            return withoutPhone(flow, request);
        }
        if (state.stage() == OtpAuthState.Stage.PHONE_ENTRY && state.verificationSid().isEmpty()
                && form.containsKey(OtpFormFields.PHONE_NUMBER) && mayEnrolTypedNumber(flow, request)) {
            // The phone form follows only a refused first code to the account's attribute number: the number typed
            // now is the one to prove (as "use another number" and the required action would let the user choose).
            return services.delivery().sendToTyped(request, form.getFirst(OtpFormFields.PHONE_NUMBER), Purpose.ENROLMENT);
        }
        if (form.containsKey(OtpFormFields.BACKUP_NUMBER) && state.otherNumber().isPresent()) {
            return services.delivery().sendToBackup(request);
        }
        if (switchTo.isPresent() || form.containsKey(OtpFormFields.RESEND)) {
            return services.delivery().resend(request, switchTo.orElse(state.channel())).orElseGet(() -> start(flow, request));
        }
        if (state.verificationSid().isEmpty()) {
            return start(flow, request);
        }
        return services.check().submit(request, form.getFirst(OtpFormFields.CODE));
    }

    /** The account has no phone credential and may set one up here: only then is a typed number proved at this step. */
    private static boolean mayEnrolTypedNumber(AuthenticationFlowContext flow, OtpRequest request) {
        return flow.getUser() != null && request.config().allowPhoneSetup() && !ResetCodeStep.isResetFlow(flow)
                && readPhone(flow, request).kind() == PhoneFactor.Kind.ENROL_BY_CODE;
    }

    /** Where this user's codes go; also drops a verified flag that no longer matches a credential's number. */
    private static PhoneFactor readPhone(AuthenticationFlowContext flow, OtpRequest request) {
        String region = request.config().defaultRegion();
        PhoneFactor phone = UserPhones.read(flow.getSession(), flow.getUser(), request.policy(), region);
        UserPhones.keepMirrorHonest(flow.getUser(), request.policy(), phone, region);
        return phone;
    }

    /**
     * No phone credential at all: the required action when the admin allows setup here, this execution is REQUIRED
     * and the realm offers the action; otherwise a message.
     */
    private static Outcome withoutPhone(AuthenticationFlowContext flow, OtpRequest request) {
        if (handedToEnrolment(flow, request)) {
            return Outcome.proceed();
        }
        flow.getEvent().user(flow.getUser()).error(OtpEvents.NO_PHONE_NUMBER);
        return Outcome.errorPage(OtpMessages.NO_PHONE, Response.Status.OK);
    }

    /**
     * Keycloak's own hand-off for a step the user has not set up, where allowed: this sign-in continues, and the user
     * must verify a number in the required action before it completes.
     */
    private static boolean handedToEnrolment(AuthenticationFlowContext flow, OtpRequest request) {
        if (!request.config().allowPhoneSetup() || !flow.getExecution().isRequired() || !VerifyPhoneActionSwitch.enabledIn(flow.getRealm())) {
            return false;
        }
        flow.getUser().addRequiredAction(ProviderIds.VERIFY_PHONE_ACTION);
        StepConfigLoader.handOver(flow.getAuthenticationSession(), flow.getExecution()); // the action uses this step's account
        return true;
    }

    /**
     * A trusted attribute number becomes the account's phone credential without a code, unless the realm rule "One
     * account per phone number" is on and another account holds it: the account then has no phone factor (enrolment
     * of another number, where allowed, says why), and the admin log tells which account.
     */
    private static PhoneFactor adopt(AuthenticationFlowContext flow, OtpRequest request, PhoneFactor phone) {
        String number = phone.primary().orElseThrow();
        if (PhoneHolderLookup.takenUnderRule(flow.getSession(), flow.getRealm(), request.policy(), number, flow.getUser())) {
            LOG.warnf("Twilio OTP: user %s in realm %s keeps no phone: the number %s in its attribute is held by another "
                    + "account, and the realm rule '%s' allows one account per number", flow.getUser().getId(),
                    flow.getRealm().getName(), PhoneNumbers.mask(number), Setting.ONE_ACCOUNT_PER_NUMBER.key());
            OtpAuthState.numberTakenInThisLogin(flow.getAuthenticationSession());
            return PhoneFactor.none();
        }
        UserPhones.adopt(flow.getUser(), request.policy(), phone, request.now());
        return phone;
    }

    /**
     * Phone credentials the realm can no longer use (the allowed countries were narrowed, a number became invalid):
     * fail closed. Handing the user to enrolment here would let anyone with the password add a number of their own.
     */
    private static Outcome unusableFactor(AuthenticationFlowContext flow) {
        LOG.warnf("Twilio OTP: user %s in realm %s has phone credentials, but none may receive codes under the realm's rules",
                flow.getUser().getId(), flow.getRealm().getName());
        flow.getEvent().user(flow.getUser()).error(OtpEvents.PHONE_UNUSABLE);
        return Outcome.errorPage(OtpMessages.PHONE_ON_FILE_INVALID, Response.Status.OK);
    }

    private Outcome sendFirst(AuthenticationFlowContext flow, OtpRequest request, PhoneFactor phone, boolean enrolling) {
        phone.backup().ifPresent(backup -> request.state().twoNumbers(phone.primary().orElseThrow(), backup));
        return services.delivery().sendFirst(request, phone.primary().orElseThrow(), NumberScreen.atStep(flow, enrolling), enrolling);
    }

    /** Twilio approved: a number proved by this code becomes a credential if it was not one, and the step succeeds. */
    private void approved(AuthenticationFlowContext flow, OtpRequest request, Outcome.Approval approval) {
        if (approval.provesPhone()) {
            // Only a number new to the user (enrolment) is checked against other accounts (a search); a sign-in code
            // went to one of the user's own credentials.
            if (approval.enrolling()
                    && PhoneHolderLookup.takenUnderRule(flow.getSession(), flow.getRealm(), request.policy(), approval.number(), flow.getUser())) {
                respond(flow, request, refuseTakenNumber(flow, request, approval));
                return;
            }
            UserPhones.recordProof(flow.getUser(), request.policy(), approval.number(), services.clock().instant());
            // A pending "Verify phone number" (set at signup or by an admin) need not send a second code for it.
            OtpAuthState.verifiedInThisLogin(flow.getAuthenticationSession(), approval.number());
        }
        OtpInteraction.of(flow).event(approval.channel(), approval.number());
        DeviceMemory.of(flow).rememberIfAsked(flow.getUser(), approval.number());
        // "otp" clears the brute-force failures of wrong codes; Keycloak 26.2 has only success().
        FlowSuccess.succeed(flow, OTPCredentialModel.TYPE);
    }

    /**
     * The account's attribute number was proved, but another account holds it under the realm rule "One account per
     * phone number": it does not become this account's (told only now, to someone who just proved they hold the
     * phone, so no oracle for which numbers are registered). Enrolment of another number follows where allowed.
     */
    private static Outcome refuseTakenNumber(AuthenticationFlowContext flow, OtpRequest request, Outcome.Approval approval) {
        // A copy of the event: on a hand-over the flow goes on, and its own event must not turn into an error.
        request.context().event(approval.channel(), approval.number()).clone().error(OtpEvents.NUMBER_TAKEN);
        if (handedToEnrolment(flow, request)) {
            OtpAuthState.numberTakenInThisLogin(flow.getAuthenticationSession());
            return Outcome.proceed();
        }
        return Outcome.errorPage(OtpMessages.NUMBER_TAKEN, Response.Status.OK);
    }

    /** Missing or malformed settings: one log line naming the setting and an event; nobody gets in. */
    private Optional<StepConfigLoader.Loaded> loadConfig(AuthenticationFlowContext flow) {
        try {
            return Optional.of(services.configLoader().load(flow.getSession(), flow.getRealm(),
                    flow.getAuthenticatorConfig() == null ? null : flow.getAuthenticatorConfig().getConfig()));
        } catch (ConfigException e) {
            LOG.errorf("%s (realm %s, flow execution %s)", e.getMessage(), flow.getRealm().getName(), flow.getExecution().getId());
            flow.getEvent().error(Errors.INVALID_CONFIG);
            return Optional.empty();
        }
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
