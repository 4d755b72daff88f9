package io.github.kctwilio.otp.keycloak;

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
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.TransportSettings;
import io.github.kctwilio.otp.verify.VerificationRequest;
import io.github.kctwilio.otp.verify.VerifyCredentials;
import io.github.kctwilio.otp.verify.VerifyGateways;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/**
 * A user stored read-only (an LDAP provider in read-only mode) whose code Twilio approves: the required action must
 * show a clear message, not fail with an error, and not pretend the number was saved. Keycloak is mocked (a read-only
 * directory needs an LDAP server); the code goes out and is checked for real, through twilio-java and the emulator.
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
    void anApprovedCodeForAReadOnlyUserShowsTheReadOnlyMessageAndDoesNotSucceed() throws Exception {
        String sid = gateways.gatewayFor(new VerifyCredentials(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN, VerifyEmulator.SERVICE_SID))
                .start(new VerificationRequest(PHONE, Channel.SMS, "en", null, Map.of())).sid();
        Map<String, String> notes = new HashMap<>();
        AuthenticationSessionModel authSession = notesBackedBy(notes);
        new OtpAuthState(authSession, "twilio-verify-phone.").codeSent(sid, PHONE, PHONE, Channel.SMS, Clock.systemUTC().instant(), true);

        UserModel user = mock(UserModel.class);
        doThrow(new ReadOnlyException("user is read-only for this update")).when(user).setSingleAttribute(anyString(), anyString());
        LoginFormsProvider form = mock(LoginFormsProvider.class, RETURNS_SELF);
        when(form.createErrorPage(any())).thenReturn(mock(Response.class));
        RequiredActionContext context = context(user, authSession, form, Map.of("code", twilio.lastCodeSentTo(PHONE).orElseThrow()));

        new VerifyPhoneRequiredAction(new OtpServices(new StepConfigLoader(server), new CodeDelivery(gateways), new CodeCheck(gateways),
                Clock.systemUTC(), gateways))
                .processAction(context);

        verify(form).setError(OtpMessages.READ_ONLY_PHONE);
        verify(context).challenge(any());
        verify(context, never()).success();
        assertThat(notes).as("the approved verification is over either way").isEmpty();
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
