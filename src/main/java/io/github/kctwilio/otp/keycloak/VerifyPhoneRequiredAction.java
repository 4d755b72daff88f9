package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.keycloak.credential.UserPhones;
import io.github.kctwilio.otp.phone.PhoneCredentialData;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.phone.PhonePolicy;
import io.github.kctwilio.otp.verify.Channel;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
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

    private final StepConfigLoader configLoader;
    private final CodeDelivery delivery;
    private final CodeCheck check;
    private final Clock clock;

    VerifyPhoneRequiredAction(OtpServices services) {
        this.configLoader = services.configLoader();
        this.delivery = services.delivery();
        this.check = services.check();
        this.clock = services.clock();
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
        Optional<StepConfigLoader.Loaded> loaded = loadConfig(action);
        if (loaded.isEmpty()) {
            return;
        }
        OtpInteraction context = OtpInteraction.of(action);
        OtpAuthState state = OtpAuthState.of(context);
        Instant now = clock.instant();
        Optional<String> provedNow = OtpAuthState.verifiedInThisLogin(action.getAuthenticationSession());
        if (!askedForByAnApplication(action) && provedNow.isPresent() && holds(action, provedNow.get())) {
            // The sign-in's own code just proved one of the user's numbers: no second code for the same thing.
            action.success();
            return;
        }
        if (state.verificationSid().isPresent()) {
            PageMessage message = state.verificationPending(now) ? null : PageMessage.error(OtpMessages.CODE_EXPIRED);
            action.challenge(OtpForms.codeForm(context, loaded.get().config(), state, now, message));
        } else {
            showPhoneForm(context, loaded.get(), state, null, null);
        }
    }

    @Override
    public void processAction(RequiredActionContext action) {
        Optional<StepConfigLoader.Loaded> loaded = loadConfig(action);
        if (loaded.isEmpty()) {
            return;
        }
        TwilioOtpConfig config = loaded.get().config();
        OtpInteraction context = OtpInteraction.of(action);
        OtpAuthState state = OtpAuthState.of(context);
        Instant now = clock.instant();
        MultivaluedMap<String, String> form = action.getHttpRequest().getDecodedFormParameters();
        Optional<Channel> switchTo = OtpForms.requestedChannel(context, config, state, form.getFirst(OtpFormFields.CHANNEL));
        if (form.containsKey(OtpFormFields.OTHER_NUMBER)) {
            // A typo in the number: start over (a pending code simply expires at Twilio).
            state.clear();
            showPhoneForm(context, loaded.get(), state, null, null);
        } else if (state.verificationSid().isEmpty()) {
            // No code out yet: whatever was posted is the phone form (a missing field is refused like a bad number).
            submitPhone(context, loaded.get(), state, form.getFirst(OtpFormFields.PHONE_NUMBER), now);
        } else if (switchTo.isPresent() || form.containsKey(OtpFormFields.RESEND)) {
            delivery.resend(context, config, state, switchTo.orElse(state.channel()), now);
        } else {
            check.submit(context, config, state, form.getFirst(OtpFormFields.CODE), now)
                    .ifPresent(approval -> approved(action, context, loaded.get().policy(), approval));
        }
    }

    private void submitPhone(OtpInteraction context, StepConfigLoader.Loaded loaded, OtpAuthState state, String typed, Instant now) {
        TwilioOtpConfig config = loaded.config();
        Optional<String> number = PhoneNumbers.toE164(typed, config.defaultRegion());
        if (number.isEmpty()) {
            showPhoneForm(context, loaded, state, typed, PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, OtpMessages.INVALID_PHONE));
            return;
        }
        if (!loaded.policy().allows(number.get())) {
            context.getEvent().detail(OtpEvents.DETAIL_PHONE, PhoneNumbers.mask(number.get())).error(OtpEvents.COUNTRY_NOT_ALLOWED);
            showPhoneForm(context, loaded, state, typed, PageMessage.fieldError(OtpFormFields.PHONE_NUMBER, OtpMessages.COUNTRY_NOT_ALLOWED));
            return;
        }
        Optional<Channel> channel = delivery.firstChannel(context, config, true);
        if (channel.isEmpty()) {
            context.challenge(OtpForms.errorPage(context, OtpMessages.NO_CHANNEL, Response.Status.SERVICE_UNAVAILABLE));
            return;
        }
        delivery.send(context, config, state, number.get(), true, channel.get(), now, null);
    }

    /** kc_action=twilio-verify-phone: the user wants to add or change a number, even right after proving one. */
    private static boolean askedForByAnApplication(RequiredActionContext action) {
        return ProviderIds.VERIFY_PHONE_ACTION.equals(action.getAuthenticationSession().getClientNote(Constants.KC_ACTION));
    }

    private static boolean holds(RequiredActionContext action, String number) {
        return UserPhones.credentials(action.getUser()).stream()
                .anyMatch(c -> c.data().map(PhoneCredentialData::number).filter(number::equals).isPresent());
    }

    /**
     * The phone form, with the number in the phone attribute (if usable) ready to verify as it is, or to be replaced:
     * at signup that is the number just registered; later, the mirror of the main number.
     */
    private static void showPhoneForm(OtpInteraction context, StepConfigLoader.Loaded loaded, OtpAuthState state, String typed,
                                      PageMessage message) {
        state.askForPhone();
        String shown = typed;
        if (shown == null) {
            shown = PhoneNumbers.toE164(context.getUser().getFirstAttribute(loaded.policy().phoneAttribute()),
                    loaded.config().defaultRegion()).filter(loaded.policy()::allows).orElse(null);
        }
        context.challenge(OtpForms.phoneForm(context, shown, message));
    }

    /** Approved: the new number is the user's main phone credential now; the action is done. */
    private void approved(RequiredActionContext action, OtpInteraction context, PhonePolicy policy, CodeCheck.Approval approval) {
        UserPhones.recordProof(action.getUser(), policy, approval.number(), clock.instant());
        OtpEvents.event(context, approval.channel(), approval.number()); // Keycloak sends the event on success()
        action.success();
    }

    /** Missing or malformed settings: one log line naming the setting, an error page, and no number is changed. */
    private Optional<StepConfigLoader.Loaded> loadConfig(RequiredActionContext action) {
        try {
            return Optional.of(configLoader.loadForAction(action.getSession(), action.getRealm(), action.getAuthenticationSession()));
        } catch (ConfigException e) {
            LOG.errorf("%s (realm %s, required action %s)", e.getMessage(), action.getRealm().getName(),
                    ProviderIds.VERIFY_PHONE_ACTION);
            action.getEvent().error(Errors.INVALID_CONFIG);
            action.challenge(OtpForms.errorPage(OtpInteraction.of(action), OtpMessages.NOT_CONFIGURED, Response.Status.SERVICE_UNAVAILABLE));
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        // Stateless.
    }
}
