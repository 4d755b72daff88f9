package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.keycloak.exchange.CodeDelivery;
import io.github.kctwilio.otp.keycloak.exchange.CodeCheck;
import io.github.kctwilio.otp.keycloak.exchange.OtpAuthState;
import io.github.kctwilio.otp.keycloak.store.StepConfigLoader;
import io.github.kctwilio.otp.keycloak.store.PhoneCredentialModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.kctwilio.otp.config.ServerSettings;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.TransportSettings;
import io.github.kctwilio.otp.verify.VerificationRequest;
import io.github.kctwilio.otp.verify.VerifyCredentials;
import io.github.kctwilio.otp.verify.VerifyGateways;
import io.github.kctwilio.otp.verify.VerifyTimings;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/**
 * A user stored read-only (an LDAP provider in read-only mode) whose code Twilio approves: the phone credential is
 * stored by Keycloak itself (as OTP credentials of directory users are), so the action succeeds; the attributes the
 * directory owns are left alone. Keycloak is mocked (a read-only directory needs an LDAP server); the code goes out
 * and is checked for real, through twilio-java and the emulator.
 */
class VerifyPhoneReadOnlyUserTest {

    private static final String PHONE = "+14155550177";

    private final VerifyEmulator twilio = VerifyEmulator.start();
    private final ServerSettings server = new ServerSettings(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN,
            VerifyEmulator.SERVICE_SID, new TransportSettings(URI.create(twilio.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    private final VerifyGateways gateways = new VerifyGateways(server.transport());

    @AfterEach
    void stop() throws Exception {
        gateways.close();
        twilio.close();
    }

    @Test
    void anApprovedCodeForAReadOnlyDirectoryUserStoresThePhoneCredentialAndSucceeds() throws Exception {
        String sid = gateways.gatewayFor(new VerifyCredentials(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN, VerifyEmulator.SERVICE_SID))
                .start(new VerificationRequest(PHONE, Channel.SMS, "en", null, Map.of())).sid();
        Map<String, String> notes = new HashMap<>();
        AuthenticationSessionModel authSession = notesBackedBy(notes);
        new OtpAuthState(authSession, "twilio-verify-phone.").codeSent(sid, PHONE, PHONE, Channel.SMS, Clock.systemUTC().instant(), true);

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
        RequiredActionContext context = context(user, authSession, form, Map.of("code", twilio.lastCodeSentTo(PHONE).orElseThrow()));

        VerifyTimings timings = new VerifyTimings(Clock.systemUTC());
        new VerifyPhoneRequiredAction(new OtpServices(new StepConfigLoader(server), new CodeDelivery(gateways, timings),
                new CodeCheck(gateways, timings), Clock.systemUTC(), gateways))
                .processAction(context);

        verify(context).success();
        verify(context, never()).challenge(any());
        assertThat(stored).singleElement().satisfies(credential -> {
            assertThat(credential.getType()).isEqualTo(PhoneCredentialModel.TYPE);
            assertThat(PhoneCredentialModel.from(credential).data().orElseThrow().number()).isEqualTo(PHONE);
            assertThat(credential.getUserLabel()).isEqualTo(PhoneNumbers.mask(PHONE));
        });
        assertThat(notes).as("the approved verification is over").isEmpty();
    }

    private static RequiredActionContext context(UserModel user, AuthenticationSessionModel authSession, LoginFormsProvider form,
                                                 Map<String, String> fields) {
        KeycloakSession session = mock(KeycloakSession.class);
        VaultTranscriber vault = mock(VaultTranscriber.class);
        when(session.vault()).thenReturn(vault);
        when(vault.getStringSecret(anyString())).thenAnswer(call -> {
            VaultStringSecret secret = mock(VaultStringSecret.class);
            when(secret.get()).thenReturn(Optional.of(call.getArgument(0)));
            return secret;
        });
        RealmModel realm = mock(RealmModel.class);
        when(realm.getName()).thenReturn("read-only-test");
        HttpRequest request = mock(HttpRequest.class);
        MultivaluedHashMap<String, String> posted = new MultivaluedHashMap<>();
        fields.forEach(posted::putSingle);
        when(request.getDecodedFormParameters()).thenReturn(posted);

        RequiredActionContext context = mock(RequiredActionContext.class);
        when(context.getSession()).thenReturn(session);
        when(context.getRealm()).thenReturn(realm);
        when(context.getUser()).thenReturn(user);
        when(context.getAuthenticationSession()).thenReturn(authSession);
        when(context.getHttpRequest()).thenReturn(request);
        when(context.getEvent()).thenReturn(mock(EventBuilder.class, RETURNS_SELF));
        when(context.form()).thenReturn(form);
        return context;
    }

    private static AuthenticationSessionModel notesBackedBy(Map<String, String> notes) {
        AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
        when(authSession.getAuthNote(anyString())).thenAnswer(call -> notes.get(call.<String>getArgument(0)));
        doAnswer(call -> notes.put(call.getArgument(0), call.getArgument(1))).when(authSession).setAuthNote(anyString(), anyString());
        doAnswer(call -> notes.remove(call.<String>getArgument(0))).when(authSession).removeAuthNote(anyString());
        return authSession;
    }
}
