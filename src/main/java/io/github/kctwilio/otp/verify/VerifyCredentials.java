package io.github.kctwilio.otp.verify;

import java.util.Objects;

/**
 * Who we are at Twilio and which Verify Service we use.
 * {@link #toString()} hides the token so that the record can never leak it into a log.
 */
public record VerifyCredentials(String accountSid, String authToken, String serviceSid) {

    public VerifyCredentials {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(serviceSid, "serviceSid");
    }

    @Override
    public String toString() {
        return "VerifyCredentials[accountSid=" + accountSid + ", authToken=***, serviceSid=" + serviceSid + "]";
    }
}
