package io.github.kctwilio.otp.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class VerifyCredentialsTest {

    private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    private static final String SERVICE_SID = "VA0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "s3cr3t-auth-token-9f8e7d";

    @Test
    void toStringHidesTheAuthToken() {
        String text = new VerifyCredentials(ACCOUNT_SID, TOKEN, SERVICE_SID).toString();

        assertThat(text).doesNotContain(TOKEN).doesNotContain("s3cr3t");
        assertThat(text).contains(ACCOUNT_SID, SERVICE_SID, "authToken=***");
    }

    @Test
    void toStringHidesEvenAShortToken() {
        assertThat(new VerifyCredentials(ACCOUNT_SID, "zq", SERVICE_SID).toString()).doesNotContain("zq");
    }

    @Test
    void keepsTheTokenForTheCallerThatNeedsIt() {
        assertThat(new VerifyCredentials(ACCOUNT_SID, TOKEN, SERVICE_SID).authToken()).isEqualTo(TOKEN);
    }

    @Test
    void refusesMissingParts() {
        assertThatNullPointerException().isThrownBy(() -> new VerifyCredentials(null, TOKEN, SERVICE_SID)).withMessage("accountSid");
        assertThatNullPointerException().isThrownBy(() -> new VerifyCredentials(ACCOUNT_SID, null, SERVICE_SID)).withMessage("authToken");
        assertThatNullPointerException().isThrownBy(() -> new VerifyCredentials(ACCOUNT_SID, TOKEN, null)).withMessage("serviceSid");
    }
}
