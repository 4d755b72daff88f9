package io.github.kctwilio.otp.keycloak.exchange;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.PhoneRules;
import io.github.kctwilio.otp.config.ServerSettings;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.emulator.VerifyEmulator;
import io.github.kctwilio.otp.lookup.DecoyLookupGateway;
import io.github.kctwilio.otp.lookup.LookupGateways;
import io.github.kctwilio.otp.testsupport.MovableClock;
import io.github.kctwilio.otp.verify.TransportSettings;
import io.github.kctwilio.otp.verify.VerifyCredentials;
import io.github.kctwilio.otp.verify.VerifyGateways;
import io.github.kctwilio.otp.verify.VerifyTimings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.keycloak.common.ClientConnection;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeyManager;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/**
 * One sign-in's worth of Keycloak around the exchange, without a Keycloak server: a realm with an HS512 key (what
 * keys the send caps), an in-memory single-use-object store (the caps, disabled channels), an authentication session
 * whose auth and client notes live in maps, a user, an event builder to verify, and a clock the test moves. Codes go
 * out and are checked for real, through twilio-java and the in-process Verify emulator. Close it after each test.
 */
public final class ExchangeFixture implements AutoCloseable {

    public static final String REALM_NAME = "exchange-test";
    public static final String CLIENT_ADDRESS = "203.0.113.7";
    /** The prefix of the login step's notes (the required action keeps its own). */
    public static final String STEP_NOTES = "twilio-otp.";

    private final MovableClock clock = new MovableClock();
    private final VerifyEmulator twilio = VerifyEmulator.start();
    private final ServerSettings server = new ServerSettings(VerifyEmulator.ACCOUNT_SID, VerifyEmulator.AUTH_TOKEN,
            VerifyEmulator.SERVICE_SID, new TransportSettings(URI.create(twilio.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    private final VerifyTimings timings = new VerifyTimings(clock);
    // Measured as in the server, so a decoy waits about as long as the emulator takes, not a data centre's round trip.
    private final VerifyGateways gateways = new VerifyGateways(server.transport(),
            (credentials, gateway) -> timings.measure(gateway, VerifyTimings.accountOf(credentials)));
    // Lookup on the same emulator, measured as in the server so that the decoy Lookup waits as long.
    private final LookupGateways lookups = new LookupGateways(server.transport(), clock,
            gateway -> DecoyLookupGateway.measured(gateway, timings));
    private final CodeDelivery delivery = new CodeDelivery(gateways, timings, new NumberScreen(lookups, timings, clock));
    private final CodeCheck check = new CodeCheck(gateways, timings);
    private final InMemorySingleUseObjects singleUseObjects = new InMemorySingleUseObjects(clock);
    private final Map<String, String> authNotes = new HashMap<>();
    private final Map<String, String> clientNotes = new HashMap<>();
    private final AuthenticationSessionModel authSession = notesBacked(authNotes, clientNotes);
    private final RealmModel realm = mock(RealmModel.class);
    private final KeyManager keys = mock(KeyManager.class);
    private final KeycloakSession session = session(singleUseObjects, keys);
    private final EventBuilder event = mock(EventBuilder.class, RETURNS_SELF);
    private final ClientConnection connection = mock(ClientConnection.class);
    private final Map<String, String> settings = new HashMap<>();
    private final Map<String, String> realmRules = new HashMap<>();
    private UserModel user = mock(UserModel.class);

    public ExchangeFixture() {
        when(realm.getId()).thenReturn(REALM_NAME + "-id");
        when(realm.getName()).thenReturn(REALM_NAME);
        KeyWrapper hs512 = new KeyWrapper();
        hs512.setKid("hs512-test");
        hs512.setSecretKey(new SecretKeySpec(new byte[64], "HmacSHA512"));
        when(keys.getActiveKey(realm, KeyUse.SIG, Algorithm.HS512)).thenReturn(hs512);
        when(connection.getRemoteAddr()).thenReturn(CLIENT_ADDRESS);
        when(user.getId()).thenReturn("user-1");
        when(user.getEmail()).thenReturn("user-1@example.org");
        RequiredActionConfigModel action = mock(RequiredActionConfigModel.class);
        when(action.getConfig()).thenReturn(realmRules);
        when(realm.getRequiredActionConfigByAlias(ProviderIds.VERIFY_PHONE_ACTION)).thenReturn(action);
    }

    /** One setting of the step's gear (see {@code Setting}); the server-wide defaults fill in the rest. */
    public ExchangeFixture set(String setting, String value) {
        settings.put(setting, value);
        return this;
    }

    /** One realm rule (the gear of the required action "Verify phone number"), such as the Twilio Lookup settings. */
    public ExchangeFixture rule(String setting, String value) {
        realmRules.put(setting, value);
        return this;
    }

    /** From now on the sign-in has no account: a password reset for a name that matched none. */
    public ExchangeFixture withoutAccount() {
        user = null;
        return this;
    }

    /** The realm lost its HMAC key (an admin deleted the provider): the caps cannot be keyed. */
    public ExchangeFixture withoutHmacKey() {
        when(keys.getActiveKey(realm, KeyUse.SIG, Algorithm.HS512)).thenReturn(null);
        return this;
    }

    /** The login step's view of this sign-in. */
    private OtpInteraction interaction() {
        return new OtpInteraction(session, realm, user, authSession, connection, event, STEP_NOTES);
    }

    /** A new HTTP request of the login step, now: the settings, the sign-in's state so far and this instant. */
    public OtpRequest request() {
        try {
            TwilioOtpConfig config = TwilioOtpConfig.resolve(settings, server, Optional::of);
            OtpInteraction interaction = interaction();
            return new OtpRequest(interaction, config, PhoneRules.resolve(null), OtpAuthState.of(interaction), clock.instant());
        } catch (ConfigException e) {
            throw new IllegalArgumentException("the test's settings are malformed: " + e.getMessage(), e);
        }
    }

    /** The login step's state of this sign-in. */
    public OtpAuthState state() {
        return OtpAuthState.of(interaction());
    }

    /** Requests of this kind the emulator received (each one a Twilio request the plugin paid for or tried to). */
    public long twilioRequests(RequestKind kind) {
        return twilio.count(kind);
    }

    /** The code the emulator last sent to this number. */
    public String codeSentTo(String number) {
        return twilio.lastCodeSentTo(number).orElseThrow(() -> new AssertionError("no code went to " + number));
    }

    public MovableClock clock() {
        return clock;
    }

    public VerifyEmulator twilio() {
        return twilio;
    }

    public ServerSettings server() {
        return server;
    }

    /** The emulator's account and Verify Service, as the server-wide settings name them. */
    public VerifyCredentials credentials() {
        return new VerifyCredentials(server.accountSid(), server.authToken(), server.verifyServiceSid());
    }

    public VerifyGateways gateways() {
        return gateways;
    }

    public LookupGateways lookups() {
        return lookups;
    }

    public CodeDelivery delivery() {
        return delivery;
    }

    public CodeCheck check() {
        return check;
    }

    public InMemorySingleUseObjects singleUseObjects() {
        return singleUseObjects;
    }

    public Map<String, String> authNotes() {
        return authNotes;
    }

    public AuthenticationSessionModel authSession() {
        return authSession;
    }

    public KeycloakSession session() {
        return session;
    }

    public RealmModel realm() {
        return realm;
    }

    public EventBuilder event() {
        return event;
    }

    @Override
    public void close() throws IOException {
        gateways.close();
        lookups.close();
        twilio.close();
    }

    /** Secrets are taken as they are: the vault answers every reference with the reference itself. */
    private static KeycloakSession session(InMemorySingleUseObjects singleUseObjects, KeyManager keys) {
        KeycloakSession session = mock(KeycloakSession.class);
        when(session.singleUseObjects()).thenReturn(singleUseObjects);
        when(session.keys()).thenReturn(keys);
        KeycloakContext context = mock(KeycloakContext.class);
        when(context.resolveLocale(any())).thenReturn(Locale.ENGLISH);
        when(session.getContext()).thenReturn(context);
        VaultTranscriber vault = mock(VaultTranscriber.class);
        when(session.vault()).thenReturn(vault);
        when(vault.getStringSecret(anyString())).thenAnswer(call -> {
            VaultStringSecret secret = mock(VaultStringSecret.class);
            when(secret.get()).thenReturn(Optional.of(call.getArgument(0)));
            return secret;
        });
        return session;
    }

    private static AuthenticationSessionModel notesBacked(Map<String, String> authNotes, Map<String, String> clientNotes) {
        AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
        when(authSession.getAuthNote(anyString())).thenAnswer(call -> authNotes.get(call.<String>getArgument(0)));
        doAnswer(call -> authNotes.put(call.getArgument(0), call.getArgument(1))).when(authSession).setAuthNote(anyString(), anyString());
        doAnswer(call -> authNotes.remove(call.<String>getArgument(0))).when(authSession).removeAuthNote(anyString());
        when(authSession.getClientNote(anyString())).thenAnswer(call -> clientNotes.get(call.<String>getArgument(0)));
        doAnswer(call -> clientNotes.put(call.getArgument(0), call.getArgument(1))).when(authSession).setClientNote(anyString(), anyString());
        doAnswer(call -> clientNotes.remove(call.<String>getArgument(0))).when(authSession).removeClientNote(anyString());
        return authSession;
    }
}
