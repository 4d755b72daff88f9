package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.keycloak.exchange.NumberScreen;
import io.github.kctwilio.otp.keycloak.store.VerifyPhoneActionSwitch;
import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.keycloak.store.UserPhones;
import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.PhoneRules;
import io.github.kctwilio.otp.config.SignupSettings;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.phone.PhonePolicy;
import io.github.kctwilio.otp.phone.SignupNumber;
import io.github.kctwilio.otp.phone.VerifiedNumberMark;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormContext;
import org.keycloak.authentication.ValidationContext;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * "Twilio OTP: phone number at signup": checks the number typed on the registration page (from the declarative user
 * profile) and, once the account exists, stores it in E.164 and puts "Verify phone number" on the new account, which
 * Keycloak runs right after registration: the account is usable only once a code sent to that number was approved.
 * Validation never calls Twilio: a bad number costs no SMS, and no code goes out before the account exists.
 */
final class PhoneSignupFormAction implements FormAction {

    /** Keycloak's own "Please specify this field.", so a missing number reads like any other missing field. */
    static final String REQUIRED_FIELD = "error-user-attribute-required";

    private static final Logger LOG = Logger.getLogger(PhoneSignupFormAction.class);

    /** What one registration runs with. */
    private record Rules(PhonePolicy policy, SignupSettings settings) {
    }

    @Override
    public void buildPage(FormContext context, LoginFormsProvider form) {
        // The field itself comes from the user profile; nothing to add.
    }

    @Override
    public void validate(ValidationContext context) {
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        Rules rules;
        try {
            rules = rules(context);
        } catch (ConfigException e) {
            logBadSetting(context, e);
            refuse(context, formData, null, OtpMessages.NOT_CONFIGURED, Errors.INVALID_CONFIG);
            return;
        }
        if (!VerifyPhoneActionSwitch.enabledIn(context.getRealm())) {
            // Without the action nothing would ever verify the number: refuse rather than create unverified accounts.
            LOG.errorf("Twilio OTP at signup in realm %s needs the required action '%s' enabled (Authentication, Required actions)",
                    context.getRealm().getName(), ProviderIds.VERIFY_PHONE_ACTION);
            refuse(context, formData, null, OtpMessages.NOT_CONFIGURED, Errors.INVALID_CONFIG);
            return;
        }
        String field = rules.policy().phoneAttribute();
        SignupNumber verdict = check(formData, rules);
        switch (verdict.outcome()) {
            case ACCEPTED, NONE -> context.success();
            case MISSING -> refuse(context, formData, field, REQUIRED_FIELD, Errors.INVALID_REGISTRATION);
            case INVALID -> refuse(context, formData, field, OtpMessages.INVALID_PHONE, Errors.INVALID_REGISTRATION);
            case NOT_ALLOWED -> {
                context.getEvent().detail(OtpEvents.DETAIL_PHONE, PhoneNumbers.mask(verdict.number().orElseThrow()));
                refuse(context, formData, field, OtpMessages.COUNTRY_NOT_ALLOWED, OtpEvents.COUNTRY_NOT_ALLOWED);
            }
        }
    }

    @Override
    public void success(FormContext context) {
        UserModel user = context.getUser();
        if (user == null) {
            // Keycloak runs the form actions' success() in flow order; before "Registration User Profile Creation" no
            // account exists yet.
            LOG.errorf("Twilio OTP at signup in realm %s must come after 'Registration User Profile Creation' in the registration flow",
                    context.getRealm().getName());
            throw new AuthenticationFlowException(AuthenticationFlowError.INTERNAL_ERROR);
        }
        Rules rules;
        try {
            rules = rules(context);
        } catch (ConfigException e) {
            // validate() passed a moment ago; an admin changed the config in between. No account without a verified number.
            logBadSetting(context, e);
            throw new AuthenticationFlowException(AuthenticationFlowError.INTERNAL_ERROR);
        }
        PhonePolicy policy = rules.policy();
        // A new account has verified nothing yet, whatever the form posted (with unmanaged attributes enabled, a
        // registrant could post the verified flag or our mark).
        user.removeAttribute(policy.verifiedAttribute());
        user.removeAttribute(VerifiedNumberMark.ATTRIBUTE);
        SignupNumber verdict = check(context.getHttpRequest().getDecodedFormParameters(), rules);
        if (verdict.outcome() == SignupNumber.Outcome.ACCEPTED) {
            // The user profile stored the number as typed; keep it in the one form every step reads and Twilio expects.
            user.setSingleAttribute(policy.phoneAttribute(), verdict.number().orElseThrow());
            user.addRequiredAction(ProviderIds.VERIFY_PHONE_ACTION);
            // The action's code is a stranger's send, for Twilio Lookup's rules (an SMS pumping check, if the realm has one).
            NumberScreen.markSignup(context.getAuthenticationSession());
        }
    }

    private static SignupNumber check(MultivaluedMap<String, String> formData, Rules rules) {
        return SignupNumber.check(formData.getFirst(rules.policy().phoneAttribute()), rules.settings().phoneRequired(),
                rules.settings().defaultRegion(), rules.policy());
    }

    /** The realm's phone rules and this action's settings (default region from the required action when unset here). */
    private static Rules rules(FormContext context) throws ConfigException {
        Map<String, String> action = UserPhones.actionConfig(context.getRealm());
        SignupSettings settings = SignupSettings.resolve(
                context.getAuthenticatorConfig() == null ? null : context.getAuthenticatorConfig().getConfig(), action);
        return new Rules(PhoneRules.resolve(action), settings);
    }

    private static void logBadSetting(FormContext context, ConfigException e) {
        LOG.errorf("%s (realm %s, registration form action %s)", e.getMessage(), context.getRealm().getName(),
                ProviderIds.SIGNUP_FORM_ACTION);
    }

    /** An error on the phone field (or on the page, for {@code field} null); the form comes back filled in. */
    private static void refuse(ValidationContext context, MultivaluedMap<String, String> formData, String field, String message,
                               String eventError) {
        context.error(eventError);
        context.validationError(formData, List.of(new FormMessage(field, message)));
    }

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
        // The required action is added in success(), for the new account only.
    }

    @Override
    public void close() {
        // Stateless.
    }
}
