package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import io.github.kctwilio.otp.keycloak.exchange.NumberScreen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.kctwilio.otp.phone.VerifiedNumberMark;
import io.github.kctwilio.otp.testsupport.CapturedLog;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.authentication.FormContext;
import org.keycloak.authentication.ValidationContext;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.mockito.ArgumentCaptor;

/**
 * The Keycloak glue of the signup form action, for the cases a real registration cannot show without breaking the
 * realm: a missing required action, a wrong place in the flow, and forged verified attributes. The phone checks
 * themselves are SignupNumberTest's; the whole registration is SignupIT's.
 */
class PhoneSignupFormActionTest {

    private final PhoneSignupFormAction action = new PhoneSignupFormAction();

    @Test
    void withoutTheVerifyPhoneActionEnabledEveryRegistrationIsRefusedAsNotSetUp() {
        ValidationContext context = validation(realm(false), form("+14155550134"));

        try (CapturedLog log = CapturedLog.of(PhoneSignupFormAction.class)) {
            action.validate(context);

            assertThat(log.messages()).singleElement().asString().startsWith("ERROR ").contains("realm acme", "'twilio-verify-phone'");
        }
        verify(context, never()).success();
        verify(context).error(Errors.INVALID_CONFIG);
        assertThat(errorsOf(context)).singleElement().satisfies(message -> {
            assertThat(message.getField()).isEqualTo(FormMessage.GLOBAL);
            assertThat(message.getMessage()).isEqualTo(OtpMessages.NOT_CONFIGURED);
        });
    }

    @Test
    void aNationalNumberReadWithTheActionsRegionPassesValidation() {
        ValidationContext context = validation(realm(true), form("(415) 555-0134"));

        action.validate(context);

        verify(context).success();
        verify(context, never()).validationError(any(), any());
    }

    @Test
    void theNewAccountGetsTheNumberInE164TheRequiredActionAndNoPostedVerifiedMark() {
        UserModel user = mock(UserModel.class);
        FormContext context = formContext(realm(true), form("(415) 555-0134"), user);

        action.success(context);

        verify(user).removeAttribute("phoneNumberVerified");
        verify(user).removeAttribute(VerifiedNumberMark.ATTRIBUTE);
        verify(user).setSingleAttribute("phoneNumber", "+14155550134");
        verify(user).addRequiredAction(ProviderIds.VERIFY_PHONE_ACTION);
    }

    @Test
    void theRequiredActionsCodeIsASignupSendForTwilioLookup() {
        FormContext context = formContext(realm(true), form("(415) 555-0134"), mock(UserModel.class));
        AuthenticationSessionModel signIn = context.getAuthenticationSession();
        assertThat(NumberScreen.inAction(signIn)).isEqualTo(Purpose.ENROLMENT);

        action.success(context);

        ArgumentCaptor<String> note = ArgumentCaptor.forClass(String.class);
        ArgumentCaptor<String> value = ArgumentCaptor.forClass(String.class);
        verify(signIn).setAuthNote(note.capture(), value.capture());
        when(signIn.getAuthNote(note.getValue())).thenReturn(value.getValue());
        assertThat(NumberScreen.inAction(signIn)).isEqualTo(Purpose.SIGNUP);
    }

    @Test
    void anOptionalNumberLeftBlankCreatesTheAccountWithoutTheRequiredAction() {
        UserModel user = mock(UserModel.class);
        FormContext context = formContext(realm(true), form(""), user);
        when(context.getAuthenticatorConfig()).thenReturn(config(Map.of("phoneRequired", "false")));

        action.success(context);

        verify(user, never()).setSingleAttribute(anyString(), anyString());
        verify(user, never()).addRequiredAction(anyString());
    }

    @Test
    void placedBeforeTheUserCreationItFailsInsteadOfLeavingAnAccountUnverified() {
        FormContext context = formContext(realm(true), form("+14155550134"), null);

        try (CapturedLog log = CapturedLog.of(PhoneSignupFormAction.class)) {
            assertThatThrownBy(() -> action.success(context)).isInstanceOf(AuthenticationFlowException.class);

            assertThat(log.messages()).singleElement().asString().startsWith("ERROR ").contains("realm acme", "must come after");
        }
    }

    private static RealmModel realm(boolean actionEnabled) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getName()).thenReturn("acme");
        RequiredActionProviderModel provider = new RequiredActionProviderModel();
        provider.setEnabled(true);
        when(realm.getRequiredActionProviderByAlias(ProviderIds.VERIFY_PHONE_ACTION)).thenReturn(actionEnabled ? provider : null);
        RequiredActionConfigModel config = new RequiredActionConfigModel();
        config.setConfig(Map.of("defaultRegion", "US"));
        when(realm.getRequiredActionConfigByAlias(ProviderIds.VERIFY_PHONE_ACTION)).thenReturn(config);
        return realm;
    }

    private static MultivaluedMap<String, String> form(String phone) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("username", "new-user");
        form.putSingle("phoneNumber", phone);
        return form;
    }

    private static ValidationContext validation(RealmModel realm, MultivaluedMap<String, String> form) {
        ValidationContext context = mock(ValidationContext.class);
        stub(context, realm, form);
        return context;
    }

    private static FormContext formContext(RealmModel realm, MultivaluedMap<String, String> form, UserModel user) {
        FormContext context = mock(FormContext.class);
        stub(context, realm, form);
        when(context.getUser()).thenReturn(user);
        when(context.getAuthenticationSession()).thenReturn(mock(AuthenticationSessionModel.class));
        return context;
    }

    private static void stub(FormContext context, RealmModel realm, MultivaluedMap<String, String> form) {
        HttpRequest request = mock(HttpRequest.class);
        when(request.getDecodedFormParameters()).thenReturn(form);
        when(context.getHttpRequest()).thenReturn(request);
        when(context.getRealm()).thenReturn(realm);
        when(context.getEvent()).thenReturn(mock(EventBuilder.class, RETURNS_SELF));
    }

    private static AuthenticatorConfigModel config(Map<String, String> values) {
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setConfig(values);
        return config;
    }

    @SuppressWarnings("unchecked")
    private static List<FormMessage> errorsOf(ValidationContext context) {
        ArgumentCaptor<List<FormMessage>> errors = ArgumentCaptor.forClass(List.class);
        verify(context).validationError(any(), errors.capture());
        return errors.getValue();
    }
}
