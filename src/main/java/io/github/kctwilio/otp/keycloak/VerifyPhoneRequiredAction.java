package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.PhonePolicy;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.phone.PhoneOnFile;
import io.github.kctwilio.otp.verify.Channel;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Errors;
import org.keycloak.models.Constants;
import org.keycloak.storage.ReadOnlyException;

/**
 * "Verify phone number": the user types a number, gets a code, and the number is stored, verified, only when Twilio
 * approves the code. Set by an admin, by the login step for users without a number, by signup, or asked for by an
 * application ({@code kc_action=twilio-verify-phone}) to change the number: the old number stays in force until the
 * new one is approved.
 */
final class VerifyPhoneRequiredAction implements RequiredActionProvider {

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
        PhoneOnFile onFile = UserPhone.read(action.getUser(), loaded.get().policy(), loaded.get().config().defaultRegion());
        UserPhone.dropStaleVerifiedFlag(action.getUser(), loaded.get().policy(), onFile);
        if (!askedForByAnApplication(action) && onFile.number().isPresent()
                && onFile.number().equals(OtpAuthState.verifiedInThisLogin(action.getAuthenticationSession()))) {
            // The sign-in's own code just proved the number on file: no second code for the same thing.
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
            context.getEvent().detail(OtpEvents.DETAIL_PHONE, PhoneNumbers.mask(number.get())).error("twilio_country_not_allowed");
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

    /** kc_action=twilio-verify-phone: the user wants to change the number, even one just proved. */
    private static boolean askedForByAnApplication(RequiredActionContext action) {
        return VerifyPhoneRequiredActionFactory.PROVIDER_ID.equals(action.getAuthenticationSession().getClientNote(Constants.KC_ACTION));
    }

    /** The phone form, with the number on file (if usable) ready to verify as it is, or to be replaced. */
    private static void showPhoneForm(OtpInteraction context, StepConfigLoader.Loaded loaded, OtpAuthState state, String typed,
                                      PageMessage message) {
        state.askForPhone();
        String shown = typed;
        if (shown == null) {
            PhoneOnFile onFile = UserPhone.read(context.getUser(), loaded.policy(), loaded.config().defaultRegion());
            shown = onFile.usable() ? onFile.number().orElseThrow() : null;
        }
        context.challenge(OtpForms.phoneForm(context, shown, message));
    }

    /** Approved: the new number replaces the old one now, bound to its verification; the action is done. */
    private static void approved(RequiredActionContext action, OtpInteraction context, PhonePolicy policy, CodeCheck.Approval approval) {
        try {
            UserPhone.recordApproval(action.getUser(), policy, approval);
        } catch (ReadOnlyException e) {
            LOG.infof("Twilio OTP: user %s in realm %s is stored read-only (federation); the phone number cannot be saved",
                    action.getUser().getId(), action.getRealm().getName());
            context.getEvent().error("twilio_phone_read_only");
            action.challenge(OtpForms.errorPage(context, OtpMessages.READ_ONLY_PHONE, Response.Status.OK));
            return;
        }
        OtpEvents.event(context, approval.channel(), approval.number()); // Keycloak sends the event on success()
        action.success();
    }

    /** Missing or malformed settings: one log line naming the setting, an error page, and no number is changed. */
    private Optional<StepConfigLoader.Loaded> loadConfig(RequiredActionContext action) {
        try {
            return Optional.of(configLoader.load(action.getSession(), action.getRealm(),
                    action.getConfig() == null ? null : action.getConfig().getConfig()));
        } catch (ConfigException e) {
            LOG.errorf("%s (realm %s, required action %s)", e.getMessage(), action.getRealm().getName(),
                    VerifyPhoneRequiredActionFactory.PROVIDER_ID);
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
