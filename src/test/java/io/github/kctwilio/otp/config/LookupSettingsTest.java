package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kctwilio.otp.lookup.LineType;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LookupSettingsTest {

    @Test
    void withoutSettingsLookupIsOffWithTheDocumentedDefaults() throws Exception {
        LookupSettings settings = LookupSettings.resolve(null);

        assertThat(settings).isEqualTo(LookupSettings.DEFAULTS);
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.refusedLineTypes()).containsExactlyInAnyOrder(LineType.NON_FIXED_VOIP, LineType.PREMIUM,
                LineType.TOLL_FREE, LineType.SHARED_COST, LineType.UAN, LineType.VOICEMAIL, LineType.PAGER);
        assertThat(settings.pumpingRiskThreshold()).isEmpty();
        assertThat(settings.simSwapPeriod()).isEmpty();
        assertThat(settings.onFailure()).isEqualTo(LookupSettings.FailurePolicy.ALLOW);
        assertThat(settings.cacheLifetime()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void oneSwitchTurnsLookupOnWithTheDefaultLineTypes() throws Exception {
        LookupSettings settings = LookupSettings.resolve(Map.of(Setting.LOOKUP_ENABLED.key(), "true"));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.refusedLineTypes()).isEqualTo(LookupSettings.DEFAULT_REFUSED_LINE_TYPES);
    }

    @Test
    void everySettingIsRead() throws Exception {
        LookupSettings settings = LookupSettings.resolve(Map.of(
                Setting.LOOKUP_ENABLED.key(), "TRUE",
                Setting.LOOKUP_REFUSED_LINE_TYPES.key(), "landline##nonfixedvoip, premium",
                Setting.LOOKUP_SMS_PUMPING_RISK_THRESHOLD.key(), " 70 ",
                Setting.LOOKUP_SIM_SWAP_PERIOD.key(), "PT48H",
                Setting.LOOKUP_FAILURE.key(), "Refuse",
                Setting.LOOKUP_CACHE_LIFETIME.key(), "12h"));

        assertThat(settings).isEqualTo(new LookupSettings(true,
                java.util.Set.of(LineType.LANDLINE, LineType.NON_FIXED_VOIP, LineType.PREMIUM), Optional.of(70),
                Optional.of(Duration.ofHours(48)), LookupSettings.FailurePolicy.REFUSE, Duration.ofHours(12)));
    }

    @Test
    void noneRefusesNoLineType() throws Exception {
        assertThat(LookupSettings.resolve(Map.of(Setting.LOOKUP_REFUSED_LINE_TYPES.key(), "none")).refusedLineTypes()).isEmpty();
    }

    @ParameterizedTest(name = "{0} with voice offered {1}: refused {2}")
    @CsvSource({"LANDLINE, false, true", "LANDLINE, true, false", "MOBILE, false, false", "NON_FIXED_VOIP, true, true",
            "FIXED_VOIP, false, false", "UNKNOWN, false, false"})
    void landlinesTakeOnlyCallsAndListedTypesNothing(LineType type, boolean voiceOffered, boolean refused) {
        assertThat(LookupSettings.DEFAULTS.refuses(type, voiceOffered)).isEqualTo(refused);
    }

    @Test
    void aListedLandlineIsRefusedEvenWithVoice() throws Exception {
        LookupSettings settings = LookupSettings.resolve(Map.of(Setting.LOOKUP_REFUSED_LINE_TYPES.key(), "landline"));

        assertThat(settings.refuses(LineType.LANDLINE, true)).isTrue();
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "lookupEnabled                 | yes     | must be true or false",
            "lookupRefusedLineTypes        | mobile, satellite | may only list line types: mobile, landline",
            "lookupSmsPumpingRiskThreshold | 101     | must be a score from 0 to 100",
            "lookupSmsPumpingRiskThreshold | high    | must be a score from 0 to 100",
            "lookupSimSwapPeriod           | 30m     | must be a period from 1 hour to 30 days",
            "lookupSimSwapPeriod           | 31d     | must be a period from 1 hour to 30 days",
            "lookupSimSwapPeriod           | soon    | must be a period from 1 hour to 30 days",
            "lookupFailure                 | ignore  | must be allow or refuse",
            "lookupCacheLifetime           | 30s     | must be a time from 1 minute to 90 days",
            "lookupCacheLifetime           | 91d     | must be a time from 1 minute to 90 days"})
    void malformedSettingsAreNamedWithWhatTheyMustBe(String setting, String value, String message) {
        assertThatThrownBy(() -> LookupSettings.resolve(Map.of(setting, value)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(setting);
                    assertThat(e.getMessage()).contains("'" + setting + "'").contains(message);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1h", "24h", "7d", "30d", "PT4H", "P7D"})
    void simSwapPeriodsFromAnHourToThirtyDaysAreAccepted(String period) throws Exception {
        assertThat(LookupSettings.resolve(Map.of(Setting.LOOKUP_SIM_SWAP_PERIOD.key(), period)).simSwapPeriod()).isPresent();
    }
}
