package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The required action's Auth Token setting takes a vault reference or nothing, never the token itself. */
class ActionTokenRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"${vault.twilio-auth-token}", " ${vault.twilio_token} ", "", "   "})
    @NullSource
    void aVaultReferenceOrNothingIsNoLiteralToken(String value) {
        Map<String, String> settings = new HashMap<>();
        settings.put(Setting.REALM_AUTH_TOKEN.key(), value);
        assertThat(ActionTokenRule.holdsLiteralToken(settings)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789abcdef0123456789abcdef", "${vault.}", "prefix ${vault.key}", "${vault.key} suffix", "${env.TOKEN}"})
    void anythingElseIsALiteralToken(String value) {
        assertThat(ActionTokenRule.holdsLiteralToken(Map.of(Setting.REALM_AUTH_TOKEN.key(), value))).isTrue();
    }

    @Test
    void settingsNeverSavedOrWithoutTheTokenHoldNoToken() {
        assertThat(ActionTokenRule.holdsLiteralToken(null)).isFalse();
        assertThat(ActionTokenRule.holdsLiteralToken(Map.of(Setting.DEFAULT_REGION.key(), "US"))).isFalse();
    }
}
