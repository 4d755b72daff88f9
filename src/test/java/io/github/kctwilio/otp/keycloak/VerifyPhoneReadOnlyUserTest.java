package io.github.kctwilio.otp.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.kctwilio.otp.keycloak.exchange.ExchangeFixture;
import io.github.kctwilio.otp.keycloak.exchange.OtpAuthState;
import io.github.kctwilio.otp.keycloak.store.PhoneCredentialModel;
import io.github.kctwilio.otp.keycloak.store.StepConfigLoader;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.VerificationRequest;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.credential.CredentialModel;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.storage.ReadOnlyException;

/**
 * A user stored read-only (an LDAP provider in read-only mode) whose code Twilio approves: the phone credential is
 * stored by Keycloak itself (as OTP credentials of directory users are), so the action succeeds; the attributes the
 * directory owns are left alone. Keycloak is mocked (a read-only directory needs an LDAP server); the code goes out
 * and is checked for real, through twilio-java and the emulator.
 */
class VerifyPhoneReadOnlyUserTest {

    private static final String PHONE = "+14155550177";

    private final ExchangeFixture fixture = new ExchangeFixture();

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void anApprovedCodeForAReadOnlyDirectoryUserStoresThePhoneCredentialAndSucceeds() throws Exception {
        String sid = fixture.gateways().gatewayFor(fixture.credentials())
                .start(new VerificationRequest(PHONE, Channel.SMS, "en", null, Map.of())).sid();
        new OtpAuthState(fixture.authSession(), "twilio-verify-phone.").codeSent(sid, PHONE, PHONE, Channel.SMS, fixture.clock().instant(), true);

        UserModel user = mock(UserModel.class);
        doThrow(new ReadOnlyException("user is read-only for this update")).when(user).setSingleAttribute(anyString(), anyString());
        List<CredentialModel> stored = new ArrayList<>();
        SubjectCredentialManager credentials = mock(SubjectCredentialManager.class);
        when(user.credentialManager()).thenReturn(credentials);
        when(credentials.getStoredCredentialsByTypeStream(anyString())).thenAnswer(call -> stored.stream()
                .filter(c -> c.getType().equals(call.getArgument(0))));
        when(credentials.getStoredCredentialsStream()).thenAnswer(call -> stored.stream());
        when(credentials.createStoredCredential(any())).thenAnswer(call -> {
            CredentialModel created = call.getArgument(0);
            created.setId("credential-1");
            stored.add(created);
            return created;
        });
        LoginFormsProvider form = mock(LoginFormsProvider.class, RETURNS_SELF);
        RequiredActionContext context = context(user, form, Map.of("code", fixture.codeSentTo(PHONE)));

        new VerifyPhoneRequiredAction(new OtpServices(new StepConfigLoader(fixture.server()), fixture.delivery(), fixture.check(),
                fixture.clock(), fixture.gateways(), fixture.lookups()))
                .processAction(context);

        verify(context).success();
        verify(context, never()).challenge(any());
        assertThat(stored).singleElement().satisfies(credential -> {
            assertThat(credential.getType()).isEqualTo(PhoneCredentialModel.TYPE);
            assertThat(PhoneCredentialModel.from(credential).data().orElseThrow().number()).isEqualTo(PHONE);
            assertThat(credential.getUserLabel()).isEqualTo(PhoneNumbers.mask(PHONE));
        });
        assertThat(fixture.authNotes()).as("the approved verification is over").isEmpty();
    }

    private RequiredActionContext context(UserModel user, LoginFormsProvider form, Map<String, String> fields) {
        HttpRequest request = mock(HttpRequest.class);
        MultivaluedHashMap<String, String> posted = new MultivaluedHashMap<>();
        fields.forEach(posted::putSingle);
        when(request.getDecodedFormParameters()).thenReturn(posted);

        RequiredActionContext context = mock(RequiredActionContext.class);
        when(context.getSession()).thenReturn(fixture.session());
        when(context.getRealm()).thenReturn(fixture.realm());
        when(context.getUser()).thenReturn(user);
        when(context.getAuthenticationSession()).thenReturn(fixture.authSession());
        when(context.getHttpRequest()).thenReturn(request);
        when(context.getEvent()).thenReturn(fixture.event());
        when(context.form()).thenReturn(form);
        return context;
    }
}
