package io.github.kctwilio.otp.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.service.Verification;
import com.twilio.rest.verify.v2.service.VerificationCheck;
import com.twilio.rest.verify.v2.service.VerificationCreator;

/** {@link VerifyGateway} on the official twilio-java SDK. */
public final class TwilioVerifyGateway implements VerifyGateway {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TwilioRestClient client;
    private final String serviceSid;

    public TwilioVerifyGateway(TwilioRestClient client, String serviceSid) {
        this.client = client;
        this.serviceSid = serviceSid;
    }

    @Override
    public StartedVerification start(VerificationRequest request) throws VerifyException {
        VerificationCreator creator = Verification.creator(serviceSid, request.to(), request.channel().wireName());
        if (request.locale() != null) {
            creator.setLocale(request.locale());
        }
        if (request.deviceIp() != null) {
            creator.setDeviceIp(request.deviceIp());
        }
        if (!request.tags().isEmpty()) {
            creator.setTags(toJson(request));
        }
        applyOptions(creator, request.channel(), request.options());
        Verification verification = call(() -> creator.create(client));
        return new StartedVerification(verification.getSid(), request.channel());
    }

    @Override
    public CheckResult check(String verificationSid, String code) throws VerifyException {
        VerificationCheck check = call(() -> VerificationCheck.creator(serviceSid)
                .setVerificationSid(verificationSid)
                .setCode(code)
                .create(client));
        return "approved".equals(check.getStatus()) ? CheckResult.APPROVED : CheckResult.WRONG_CODE;
    }

    @Override
    public void cancel(String verificationSid) throws VerifyException {
        call(() -> Verification.updater(serviceSid, verificationSid, Verification.Status.CANCELED).update(client));
    }

    /** Twilio documents templates for SMS and voice and the app hash for SMS only: other channels get neither. */
    private static void applyOptions(VerificationCreator creator, Channel channel, SendOptions options) {
        if (options.riskCheck() == SendOptions.RiskCheck.ENABLE) {
            creator.setRiskCheck(Verification.RiskCheck.ENABLE);
        }
        if (options.templateSid() != null && (channel == Channel.SMS || channel == Channel.CALL)) {
            creator.setTemplateSid(options.templateSid());
        }
        if (options.appHash() != null && channel == Channel.SMS) {
            creator.setAppHash(options.appHash());
        }
    }

    private static String toJson(VerificationRequest request) throws VerifyException {
        try {
            return JSON.writeValueAsString(request.tags());
        } catch (JsonProcessingException e) {
            throw new VerifyException(VerifyFailure.INVALID_PARAMETER, null, null, "Tags are not serialisable", e);
        }
    }

    /** Runs one SDK call and turns every way it can fail into a {@link VerifyException}. */
    private static <T> T call(SdkCall<T> sdkCall) throws VerifyException {
        try {
            return sdkCall.run();
        } catch (ApiException e) {
            // The SDK reports HTTP errors and unreadable bodies alike as ApiException; a missing code means no Twilio error body.
            // Twilio's messages may quote the number we sent, so only the code and status reach our logs.
            throw new VerifyException(VerifyErrors.classify(e.getStatusCode(), e.getCode()), e.getStatusCode(), e.getCode(),
                    "Twilio answered with an error", e);
        } catch (RuntimeException e) {
            // ApiConnectionException (timeouts, refused connections) and anything unexpected from the SDK.
            throw new VerifyException(VerifyFailure.UNAVAILABLE, null, null, CauseChain.of(e), e);
        }
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }
}
