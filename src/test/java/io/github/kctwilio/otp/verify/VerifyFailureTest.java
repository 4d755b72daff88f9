package io.github.kctwilio.otp.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerifyFailureTest {

    /** Configuration and outage problems need the admin; refusals caused by the user or their number do not. */
    private static final Map<VerifyFailure, Boolean> NEEDS_ADMIN = new EnumMap<>(Map.of(
            VerifyFailure.BAD_CREDENTIALS, true,
            VerifyFailure.CHANNEL_DISABLED, true,
            VerifyFailure.UNAVAILABLE, true,
            VerifyFailure.VERIFICATION_NOT_FOUND, false,
            VerifyFailure.TOO_MANY_CHECKS, false,
            VerifyFailure.TOO_MANY_SENDS, false,
            VerifyFailure.THROTTLED, false,
            VerifyFailure.INVALID_PARAMETER, false,
            VerifyFailure.LANDLINE, false,
            VerifyFailure.NUMBER_BLOCKED, false));

    static Stream<Arguments> expectations() {
        return NEEDS_ADMIN.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0} needs admin: {1}")
    @MethodSource("expectations")
    void needsAdminAttentionOnlyForConfigurationAndOutageProblems(VerifyFailure failure, boolean expected) {
        assertThat(failure.needsAdminAttention()).isEqualTo(expected);
    }

    @Test
    void everyConstantHasAnExpectation() {
        assertThat(NEEDS_ADMIN.keySet()).isEqualTo(EnumSet.allOf(VerifyFailure.class));
    }
}
