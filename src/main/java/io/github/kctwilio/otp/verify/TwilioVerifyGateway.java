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
            throw new VerifyException(VerifyFailure.UNAVAILABLE, null, null, causeChain(e), e);
        }
    }

    /** Exception class names only ("ApiConnectionException < SocketTimeoutException"): telling, and free of user data. */
    private static String causeChain(Throwable e) {
        StringBuilder chain = new StringBuilder(e.getClass().getSimpleName());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            chain.append(" < ").append(cause.getClass().getSimpleName());
        }
        return chain.toString();
    }

    @FunctionalInterface
    private interface SdkCall<T> {
        T run();
    }
}
