package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import io.github.kctwilio.otp.config.Setting;
import io.github.kctwilio.otp.config.SharedNumbers;
import io.github.kctwilio.otp.keycloak.exchange.CodeDelivery;
import io.github.kctwilio.otp.keycloak.exchange.OtpAuthState;
import io.github.kctwilio.otp.keycloak.exchange.OtpInteraction;
import io.github.kctwilio.otp.keycloak.exchange.OtpRequest;
import io.github.kctwilio.otp.keycloak.exchange.Outcome;
import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.OtpFormFields;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.keycloak.page.PageMessage;
import io.github.kctwilio.otp.keycloak.remember.DeviceMemory;
import io.github.kctwilio.otp.keycloak.store.PhoneHolderLookup;
import io.github.kctwilio.otp.keycloak.store.StepConfigLoader;
import io.github.kctwilio.otp.keycloak.store.UserPhones;
import io.github.kctwilio.otp.phone.PhoneFactor;
import io.github.kctwilio.otp.phone.PhoneHolders;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.verify.Channel;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * "Twilio OTP: sign in with phone number": the visitor types a phone number, gets a code, and is signed in as the one
 * account holding that number as a phone credential when Twilio approves the code. It identifies the user itself, so
 * it can be the first step of a browser flow (alone, as an alternative to the username and password form, or before a
 * password step). Nothing here may tell whether a number belongs to an account: an unknown number, one held by several
 * accounts, a disabled or locked account get the same pages, timing and caps through the reset step's decoy, and no
 * SMS. The user is set on the flow only on approval; until then the holder is an authentication-session note.
 */
final class PhoneLoginAuthenticator implements Authenticator {

    /** Notes of this step's exchange, apart from the Twilio OTP step's own (a flow may run both). */
    static final String NOTE_PREFIX = "twilio-otp-phone-login.";
    /** The id of the account the typed number belongs to; absent for a decoy. */
    private static final String HOLDER = NOTE_PREFIX + "holder";
    /** Marks the pages as phone sign-in's, for their wording (templates). */
    private static final String PAGE_MARK = "twilioOtpPhoneSignIn";

    private static final Logger LOG = Logger.getLogger(PhoneLoginAuthenticator.class);

    /** Settings, sending, checking and the clock, shared by every entry point. */
    private final OtpServices services;

    PhoneLoginAuthenticator(OtpServices services) {
        this.services = services;
    }

    @Override
    public void authenticate(AuthenticationFlowContext flow) {
        Optional<OtpRequest> request = request(flow, holder(flow));
        if (request.isEmpty()) {
            return;
        }
        respond(flow, request.get(), CodeDelivery.pending(request.get()).orElseGet(() -> phoneForm(request.get(), null, null)));
    }

    @Override
    public void action(AuthenticationFlowContext flow) {
        UserModel holder = holder(flow);
        Optional<OtpRequest> loaded = request(flow, holder);
        if (loaded.isEmpty()) {
            return;
        }
        OtpRequest request = loaded.get();
        OtpAuthState state = request.state();
        MultivaluedMap<String, String> form = flow.getHttpRequest().getDecodedFormParameters();
        if (state.verificationSid().isEmpty()) {
            respond(flow, request, submitPhone(flow, request, form.getFirst(OtpFormFields.PHONE_NUMBER)));
            return;
        }
        if (holder == null || !holder.isEnabled() || isLocked(flow, holder)) {
            // Locked (by these very wrong codes, say) or disabled meanwhile: no more checks reach Twilio, and the pages
            // stay those of any wrong code.
            state.decoyFromNowOn();
        }
        Optional<Channel> switchTo = request.requestedChannel(form.getFirst(OtpFormFields.CHANNEL));
        Outcome outcome;
        if (switchTo.isPresent() || form.containsKey(OtpFormFields.RESEND)) {
            outcome = services.delivery().resend(request, switchTo.orElse(state.channel())).orElseGet(() -> phoneForm(request, null, null));
        } else {
            outcome = services.check().submit(request, form.getFirst(OtpFormFields.CODE));
        }
        respond(flow, request, outcome);
    }

    /**
     * The settings and the exchange of this request; empty (with the error page drawn) when the settings cannot be read
     * or the realm lacks the rule phone sign-in needs.
     *
     * @param holder the account the code goes to; null before a number was typed, and for a decoy
     */
    private Optional<OtpRequest> request(AuthenticationFlowContext flow, UserModel holder) {
        try {
            StepConfigLoader.Loaded loaded = services.configLoader().load(flow.getSession(), flow.getRealm(),
                    flow.getAuthenticatorConfig() == null ? null : flow.getAuthenticatorConfig().getConfig());
            if (!SharedNumbers.refused(UserPhones.actionConfig(flow.getRealm()))) {
                // Decided from the realm alone, before any number: every visitor sees this page alike.
                LOG.errorf("Twilio OTP phone sign-in in realm %s needs the realm rule \"One account per phone number\" (%s, "
                        + "required action %s): refusing every phone sign-in until it is on", flow.getRealm().getName(),
                        Setting.ONE_ACCOUNT_PER_NUMBER.key(), ProviderIds.VERIFY_PHONE_ACTION);
                return notConfigured(flow);
            }
            OtpInteraction context = new OtpInteraction(flow.getSession(), flow.getRealm(), holder, flow.getAuthenticationSession(),
                    flow.getConnection(), flow.getEvent(), NOTE_PREFIX);
            return Optional.of(OtpRequest.of(context, loaded, services.clock().instant()));
        } catch (ConfigException e) {
            LOG.errorf("%s (realm %s, flow execution %s)", e.getMessage(), flow.getRealm().getName(), flow.getExecution().getId());
            return notConfigured(flow);
        }
    }

    private static Optional<OtpRequest> notConfigured(AuthenticationFlowContext flow) {
        flow.getEvent().error(Errors.INVALID_CONFIG);
        flow.challenge(OutcomePages.draw(flow.form(), null, Outcome.errorPage(OtpMessages.NOT_CONFIGURED, Response.Status.SERVICE_UNAVAILABLE)));
        return Optional.empty();
    }

    /** The one place where this step draws a page or ends. */
    private void respond(AuthenticationFlowContext flow, OtpRequest request, Outcome outcome) {
        switch (outcome.kind()) {
            case APPROVED -> approved(flow, request, outcome.approval());
            case WRONG_CODE -> {
                UserModel holder = request.context().getUser();
                if (holder != null && !request.state().decoy()) {
                    BruteForceFailures.wrongCode(flow, holder);
                }
                // challenge, not failureChallenge: the page and status must not differ from a decoy's wrong code.
                flow.challenge(draw(flow, request, outcome));
            }
            case PROCEED -> flow.success(); // a remembered device of the holder, already set on the flow
            default -> flow.challenge(draw(flow, request, outcome));
        }
    }

    private static Response draw(AuthenticationFlowContext flow, OtpRequest request, Outcome outcome) {
        return OutcomePages.draw(DeviceMemory.of(flow).form().setAttribute(PAGE_MARK, Boolean.TRUE), request, outcome);
    }

    /**
     * A typed number: refused on the form when it is no number or from a country the realm does not allow (the same
     * for everyone); otherwise a code to its one holder, or the decoy.
     */
    private Outcome submitPhone(AuthenticationFlowContext flow, OtpRequest request, String typed) {
        Optional<String> number = PhoneNumbers.toE164(typed, request.config().defaultRegion());
        if (number.isEmpty()) {
            return phoneForm(request, typed, PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, OtpMessages.INVALID_PHONE));
        }
        if (!request.policy().allows(number.get())) {
            flow.getEvent().detail(OtpEvents.DETAIL_PHONE, PhoneNumbers.mask(number.get())).error(OtpEvents.COUNTRY_NOT_ALLOWED);
            return phoneForm(request, typed, PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, OtpMessages.COUNTRY_NOT_ALLOWED));
        }
        OtpAuthState state = request.state();
        state.startOver(); // a number typed again after a refused send starts over, decoy or not
        flow.getAuthenticationSession().removeAuthNote(HOLDER);
        state.hideTarget(); // counted as anyone's request, phone channels only, the same sentence on the code form
        if (request.context().choices(request.config()).first(true).isEmpty()) {
            return Outcome.errorPage(OtpMessages.NO_CHANNEL, Response.Status.SERVICE_UNAVAILABLE);
        }
        PhoneHolders.Found found = PhoneHolderLookup.find(flow.getSession(), flow.getRealm(), request.policy(), number.get(),
                user -> isLocked(flow, user));
        Optional<UserModel> holder = found.holder().map(id -> flow.getSession().users().getUserById(flow.getRealm(), id))
                .filter(user -> flow.getUser() == null || flow.getUser().getId().equals(user.getId()));
        if (holder.isPresent() && remembered(flow, request, holder.get())) {
            flow.setUser(holder.get());
            return Outcome.proceed(); // no code, no Twilio request
        }
        if (holder.isPresent()) {
            flow.getAuthenticationSession().setAuthNote(HOLDER, holder.get().getId());
            OtpRequest forHolder = new OtpRequest(withUser(request.context(), holder.get()), request.config(), request.policy(),
                    state, request.now());
            return services.delivery().sendFirst(forHolder, number.get(), Purpose.SIGN_IN, true);
        }
        flow.getEvent().detail(OtpEvents.DETAIL_PHONE, PhoneNumbers.mask(number.get())).error(decoyReason(found.verdict()));
        state.decoyFromNowOn();
        return services.delivery().sendFirst(request, number.get(), Purpose.SIGN_IN, true);
    }

    /** This browser's cookie lets the holder pass without a code (only where the sign-in also proves the password). */
    private static boolean remembered(AuthenticationFlowContext flow, OtpRequest request, UserModel holder) {
        return DeviceMemory.of(flow).recognises(holder, () -> {
            PhoneFactor phone = UserPhones.read(flow.getSession(), holder, request.policy(), request.config().defaultRegion());
            return phone.kind() == PhoneFactor.Kind.CREDENTIALS ? phone.numbers() : List.of();
        });
    }

    /** The reasons the Twilio OTP step already reports; a number other than the flow's user's counts as no account. */
    private static String decoyReason(PhoneHolders.Verdict verdict) {
        return switch (verdict) {
            case DISABLED -> Errors.USER_DISABLED;
            case LOCKED -> Errors.USER_TEMPORARILY_DISABLED;
            case SEVERAL_ACCOUNTS -> OtpEvents.NUMBER_SHARED;
            case NO_ACCOUNT, ONE_ACCOUNT -> Errors.USER_NOT_FOUND;
        };
    }

    private static Outcome phoneForm(OtpRequest request, String typed, PageMessage message) {
        request.state().askForPhone();
        return Outcome.phoneForm(typed, message);
    }

    /** Twilio approved the code sent to the holder's number: the holder is signed in, if still enabled and unlocked. */
    private static void approved(AuthenticationFlowContext flow, OtpRequest request, Outcome.Approval approval) {
        UserModel holder = request.context().getUser();
        flow.getAuthenticationSession().removeAuthNote(HOLDER);
        if (holder == null || !holder.isEnabled() || isLocked(flow, holder)) {
            // Only a decoy has no holder, and a decoy approves nothing; the rest changed while the code was out.
            flow.getEvent().error(holder == null ? Errors.USER_NOT_FOUND : Errors.USER_DISABLED);
            flow.challenge(draw(flow, request, Outcome.errorPage(OtpMessages.LOCKED, Response.Status.OK)));
            return;
        }
        flow.setUser(holder);
        request.context().event(approval.channel(), approval.number()); // Keycloak sends LOGIN when the flow completes
        DeviceMemory.of(flow).rememberIfAsked(holder, approval.number());
        // "otp" clears the brute-force failures of wrong codes; Keycloak 26.2 has only success().
        FlowSuccess.succeed(flow, OTPCredentialModel.TYPE);
    }

    /** The account the code of this sign-in went to, read again on every request (it may be gone, or disabled). */
    private static UserModel holder(AuthenticationFlowContext flow) {
        String id = flow.getAuthenticationSession().getAuthNote(HOLDER);
        return id == null ? null : flow.getSession().users().getUserById(flow.getRealm(), id);
    }

    private static OtpInteraction withUser(OtpInteraction context, UserModel user) {
        return new OtpInteraction(context.getSession(), context.getRealm(), user, context.getAuthenticationSession(),
                context.getConnection(), context.getEvent(), context.notePrefix());
    }

    private static boolean isLocked(AuthenticationFlowContext flow, UserModel user) {
        return AuthenticatorUtils.getDisabledByBruteForceEventError(flow, user) != null;
    }

    /** False: this step finds the user itself. */
    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Nothing to set up: users enrol numbers through "Verify phone number".
    }

    @Override
    public void close() {
        // Stateless.
    }
}
