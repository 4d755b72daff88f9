package io.github.kctwilio.otp.emulator;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.service.Verification;
import com.twilio.rest.verify.v2.service.VerificationCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.github.kctwilio.otp.emulator.VerifyEmulator.SERVICE_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The real twilio-java 13 SDK against the emulator: proves the emulator reads what the SDK writes (form
 * parameters, Basic auth) and that the SDK parses every answer, including dates (its ISO-8601 parser
 * silently yields null on a format it does not know) and error bodies (ApiException code and status).
 */
class VerifyEmulatorSdkTest {

    private static final String PHONE = "+14155550134";

    private VerifyEmulator emulator;
    private TwilioRestClient client;

    @BeforeEach
    void start() {
        emulator = VerifyEmulator.start();
        client = clientFor(VerifyEmulator.AUTH_TOKEN);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void sdkStartsAVerificationAndParsesEveryProperty() {
        Verification v = Verification.creator(SERVICE_SID, PHONE, "sms").setLocale("de")
                .setTags("{\"realm\":\"demo\"}").create(client);

        assertThat(v.getSid()).matches("^VE[0-9a-f]{32}$");
        assertThat(v.getServiceSid()).isEqualTo(SERVICE_SID);
        assertThat(v.getAccountSid()).isEqualTo(VerifyEmulator.ACCOUNT_SID);
        assertThat(v.getTo()).isEqualTo(PHONE);
        assertThat(v.getChannel()).isEqualTo(Verification.Channel.SMS);
        assertThat(v.getStatus()).isEqualTo("pending");
        assertThat(v.getValid()).isFalse();
        assertThat(v.getLookup()).isInstanceOf(Map.class);
        assertThat(v.getSendCodeAttempts()).hasSize(1);
        assertThat(v.getDateCreated()).isNotNull();
        assertThat(v.getDateUpdated()).isNotNull();
        assertThat(v.getUrl()).isEqualTo(URI.create(emulator.baseUrl() + "/v2/Services/" + SERVICE_SID
                + "/Verifications/" + v.getSid()));

        RecordedRequest sent = emulator.requests().get(0);
        assertThat(sent.kind()).isEqualTo(RequestKind.CREATE_VERIFICATION);
        assertThat(sent.form()).containsEntry("To", List.of(PHONE)).containsEntry("Channel", List.of("sms"))
                .containsEntry("Locale", List.of("de")).containsEntry("Tags", List.of("{\"realm\":\"demo\"}"));
    }

    @Test
    void sdkChecksWrongThenRightCode() {
        String sid = Verification.creator(SERVICE_SID, PHONE, "sms").create(client).getSid();
        String code = emulator.lastCodeSentTo(PHONE).orElseThrow();
        String wrong = code.equals("000000") ? "111111" : "000000";

        VerificationCheck pending = VerificationCheck.creator(SERVICE_SID).setVerificationSid(sid).setCode(wrong)
                .create(client);
        VerificationCheck approved = VerificationCheck.creator(SERVICE_SID).setVerificationSid(sid).setCode(code)
                .create(client);

        assertThat(pending.getStatus()).isEqualTo("pending");
        assertThat(pending.getValid()).isFalse();
        assertThat(approved.getStatus()).isEqualTo("approved");
        assertThat(approved.getValid()).isTrue();
        assertThat(approved.getSid()).isEqualTo(sid);
        assertThat(approved.getChannel()).isEqualTo(VerificationCheck.Channel.SMS);
        assertThat(approved.getDateCreated()).isNotNull();
        assertThat(approved.getSnaAttemptsErrorCodes()).isEmpty();
    }

    @Test
    void sdkFetchesAndCancels() {
        String sid = Verification.creator(SERVICE_SID, PHONE, "sms").create(client).getSid();

        assertThat(Verification.fetcher(SERVICE_SID, sid).fetch(client).getStatus()).isEqualTo("pending");
        Verification canceled = Verification.updater(SERVICE_SID, sid, Verification.Status.CANCELED).update(client);

        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(emulator.requests().get(2).form()).containsEntry("Status", List.of("canceled"));
        ApiException gone = catchThrowableOfType(ApiException.class,
                () -> Verification.fetcher(SERVICE_SID, sid).fetch(client));
        assertThat(gone.getCode()).isEqualTo(20404);
        assertThat(gone.getStatusCode()).isEqualTo(404);
    }

    @Test
    void sdkTurnsErrorBodiesIntoApiExceptionsWithTwilioCodes() {
        ApiException badTo = catchThrowableOfType(ApiException.class,
                () -> Verification.creator(SERVICE_SID, "4155550134", "sms").create(client));
        ApiException badAuth = catchThrowableOfType(ApiException.class,
                () -> Verification.creator(SERVICE_SID, PHONE, "sms").create(clientFor("wrong-token")));
        emulator.failNext(403, 60410);
        ApiException injected = catchThrowableOfType(ApiException.class,
                () -> Verification.creator(SERVICE_SID, PHONE, "sms").create(client));

        assertThat(badTo.getCode()).isEqualTo(60200);
        assertThat(badTo.getStatusCode()).isEqualTo(400);
        assertThat(badTo.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/60200");
        assertThat(badAuth.getCode()).isEqualTo(20003);
        assertThat(badAuth.getStatusCode()).isEqualTo(401);
        assertThat(injected.getCode()).isEqualTo(60410);
        assertThat(injected.getStatusCode()).isEqualTo(403);
    }

    private TwilioRestClient clientFor(String authToken) {
        return new TwilioRestClient.Builder(VerifyEmulator.ACCOUNT_SID, authToken)
                .httpClient(new EmulatorRouting(emulator.baseUrl()))
                .build();
    }

    /**
     * twilio-java hard-codes https://verify.twilio.com; its documented seam is the HttpClient. This one
     * re-targets each request at the emulator and otherwise sends it exactly as the SDK built it.
     */
    private static final class EmulatorRouting extends NetworkHttpClient {

        private final String baseUrl;

        EmulatorRouting(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        @Override
        public Response makeRequest(Request original) {
            Request r = new Request(original.getMethod(), baseUrl + URI.create(original.getUrl()).getRawPath());
            r.setAuth(original.getUsername(), original.getPassword());
            r.setContentType(original.getContentType());
            original.getPostParams().forEach((k, vs) -> vs.forEach(v -> r.addPostParam(k, v)));
            original.getQueryParams().forEach((k, vs) -> vs.forEach(v -> r.addQueryParam(k, v)));
            original.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> r.addHeaderParam(k, v)));
            return super.makeRequest(r);
        }
    }
}
