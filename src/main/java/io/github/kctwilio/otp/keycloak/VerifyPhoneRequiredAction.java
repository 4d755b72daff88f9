package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.PageMessage;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.keycloak.page.OtpFormFields;
import io.github.kctwilio.otp.keycloak.exchange.OtpInteraction;
import io.github.kctwilio.otp.keycloak.exchange.Outcome;
import io.github.kctwilio.otp.keycloak.exchange.CodeDelivery;
import io.github.kctwilio.otp.keycloak.exchange.NumberScreen;
import io.github.kctwilio.otp.keycloak.exchange.OtpAuthState;
import io.github.kctwilio.otp.keycloak.exchange.OtpRequest;
import io.github.kctwilio.otp.keycloak.store.PhoneHolderLookup;
import io.github.kctwilio.otp.keycloak.store.UserPhones;
import io.github.kctwilio.otp.keycloak.store.StepConfigLoader;
import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.verify.Channel;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;
import org.keycloak.authentication.CredentialAction;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Errors;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Verify phone number": the user types a number, gets a code, and the number becomes a phone credential (the main
 * one) only when Twilio approves the code. Set by an admin, by the login step for users without a phone credential, by
 * signup, or asked for by an application or the account console ({@code kc_action=twilio-verify-phone}, which Keycloak
 * guards with a fresh sign-in) to add or change a number: the old number stays in force until the new one is approved,
 * and then stays as the backup or makes room (the realm's "Phone numbers per user").
 */
final class VerifyPhoneRequiredAction implements RequiredActionProvider, CredentialAction {

    private static final Logger LOG = Logger.getLogger(VerifyPhoneRequiredAction.class);

    /** Settings, sending, checking and the clock, shared by every entry point. */
    private final OtpServices services;

    VerifyPhoneRequiredAction(OtpServices services) {
        this.services = services;
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    /**
     * The credential this action registers. With level-of-authentication conditions in the browser flow, Keycloak then
     * asks a user who already has a phone for a code to it before a new number can be added ({@code kc_action}).
     */
    @Override
    public String getCredentialType(KeycloakSession session, AuthenticationSessionModel authenticationSession) {
        return ProviderIds.PHONE_CREDENTIAL;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Added explicitly: by an admin, the login step, signup, or an application's kc_action.
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext action) {
        run(action, this::start);
    }

    @Override
    public void processAction(RequiredActionContext action) {
        run(action, this::answer);
    }

    /** Reads the settings, lets {@code decide} choose the outcome and turns it into the response, in one place. */
    private void run(RequiredActionContext action, BiFunction<RequiredActionContext, OtpRequest, Outcome> decide) {
        Optional<StepConfigLoader.Loaded> loaded = loadConfig(action);
        if (loaded.isEmpty()) {
            action.challenge(OutcomePages.draw(action.form(), null,
                    Outcome.errorPage(OtpMessages.NOT_CONFIGURED, Response.Status.SERVICE_UNAVAILABLE)));
            return;
        }
        OtpInteraction context = OtpInteraction.of(action);
        OtpRequest request = OtpRequest.of(context, loaded.get(), services.clock().instant());
        Outcome outcome = decide.apply(action, request);
        switch (outcome.kind()) {
            case APPROVED -> approved(action, request, outcome.approval());
            case PROCEED -> action.success();
            // A wrong code is not counted for brute-force protection here: the user is signed in and proves a number
            // of their choice; Twilio's 5 checks per code and our send caps bound it.
            default -> action.challenge(OutcomePages.draw(action.form(), request, outcome));
        }
    }

    private Outcome start(RequiredActionContext action, OtpRequest request) {
        Optional<String> provedNow = OtpAuthState.verifiedInThisLogin(action.getAuthenticationSession());
        if (!askedForByAnApplication(action) && provedNow.isPresent() && UserPhones.holds(action.getUser(), provedNow.get())) {
            // The sign-in's own code just proved one of the user's numbers: no second code for the same thing.
            return Outcome.proceed();
        }
        if (OtpAuthState.takeNumberTakenInThisLogin(action.getAuthenticationSession())) {
            // The login step found the account's number held by another account: an empty form, and why.
            return phoneForm(action, request, "", PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, OtpMessages.NUMBER_TAKEN));
        }
        return CodeDelivery.pending(request).orElseGet(() -> phoneForm(action, request, null, null));
    }

    private Outcome answer(RequiredActionContext action, OtpRequest request) {
        OtpAuthState state = request.state();
        MultivaluedMap<String, String> form = action.getHttpRequest().getDecodedFormParameters();
        Optional<Channel> switchTo = request.requestedChannel(form.getFirst(OtpFormFields.CHANNEL));
        if (form.containsKey(OtpFormFields.OTHER_NUMBER)) {
            // A typo in the number: start over (a pending code simply expires at Twilio).
            state.startOver();
            return phoneForm(action, request, null, null);
        }
        if (state.verificationSid().isEmpty()) {
            // No code out yet: whatever was posted is the phone form (a missing field is refused like a bad number).
            return services.delivery().sendToTyped(request, form.getFirst(OtpFormFields.PHONE_NUMBER),
                    NumberScreen.inAction(action.getAuthenticationSession()));
        }
        if (switchTo.isPresent() || form.containsKey(OtpFormFields.RESEND)) {
            return services.delivery().resend(request, switchTo.orElse(state.channel())).orElseGet(() -> phoneForm(action, request, null, null));
        }
        return services.check().submit(request, form.getFirst(OtpFormFields.CODE));
    }

    /** kc_action=twilio-verify-phone: the user wants to add or change a number, even right after proving one. */
    private static boolean askedForByAnApplication(RequiredActionContext action) {
        return ProviderIds.VERIFY_PHONE_ACTION.equals(action.getAuthenticationSession().getClientNote(Constants.KC_ACTION));
    }

    /**
     * The phone form, with the number in the phone attribute (if usable) ready to verify as it is, or to be replaced:
     * at signup that is the number just registered; later, the mirror of the main number.
     */
    private static Outcome phoneForm(RequiredActionContext action, OtpRequest request, String typed, PageMessage message) {
        request.state().askForPhone();
        String shown = typed;
        if (shown == null) {
            shown = PhoneNumbers.toE164(action.getUser().getFirstAttribute(request.policy().phoneAttribute()),
                    request.config().defaultRegion()).filter(request.policy()::allows).orElse(null);
        }
        return Outcome.phoneForm(shown, message);
    }

    /** Approved: the new number is the user's main phone credential now; the action is done. */
    private void approved(RequiredActionContext action, OtpRequest request, Outcome.Approval approval) {
        if (PhoneHolderLookup.takenUnderRule(action.getSession(), action.getRealm(), request.policy(), approval.number(),
                action.getUser())) {
            // Told only now, to someone who just proved they hold the phone: no oracle for which numbers are registered.
            request.context().event(approval.channel(), approval.number()).error(OtpEvents.NUMBER_TAKEN);
            action.challenge(OutcomePages.draw(action.form(), request, phoneForm(action, request, null,
                    PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, OtpMessages.NUMBER_TAKEN))));
            return;
        }
        UserPhones.recordProof(action.getUser(), request.policy(), approval.number(), services.clock().instant());
        request.context().event(approval.channel(), approval.number()); // Keycloak sends the event on success()
        action.success();
    }

    /** Missing or malformed settings: one log line naming the setting and an event; no number is changed. */
    private Optional<StepConfigLoader.Loaded> loadConfig(RequiredActionContext action) {
        try {
            return Optional.of(services.configLoader().loadForAction(action.getSession(), action.getRealm(), action.getAuthenticationSession()));
        } catch (ConfigException e) {
            LOG.errorf("%s (realm %s, required action %s)", e.getMessage(), action.getRealm().getName(),
                    ProviderIds.VERIFY_PHONE_ACTION);
            action.getEvent().error(Errors.INVALID_CONFIG);
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        // Stateless.
    }
}
