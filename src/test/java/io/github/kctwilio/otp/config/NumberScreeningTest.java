package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.config.LookupSettings.FailurePolicy;
import io.github.kctwilio.otp.lookup.LineType;
import io.github.kctwilio.otp.lookup.LookupAnswer;
import io.github.kctwilio.otp.lookup.LookupException;
import io.github.kctwilio.otp.lookup.LookupFailure;
import io.github.kctwilio.otp.lookup.LookupPackage;
import io.github.kctwilio.otp.lookup.PackageAnswer;
import io.github.kctwilio.otp.lookup.SimSwap;
import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import io.github.kctwilio.otp.config.NumberScreening.Reason;
import io.github.kctwilio.otp.config.NumberScreening.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class NumberScreeningTest {

    private static final Instant NOW = Instant.parse("2026-11-27T16:00:00Z");
    private static final Instant EARLIER = NOW.minus(Duration.ofMinutes(1));
    private static final LookupSettings ON = new LookupSettings(true, LookupSettings.DEFAULT_REFUSED_LINE_TYPES, Optional.empty(),
            Optional.empty(), FailurePolicy.ALLOW, Duration.ofDays(7));
    private static final LookupSettings EVERYTHING = new LookupSettings(true, LookupSettings.DEFAULT_REFUSED_LINE_TYPES, Optional.of(70),
            Optional.of(Duration.ofHours(24)), FailurePolicy.ALLOW, Duration.ofDays(7));
    private static final PackageAnswer<SimSwap> OLD_SWAP = PackageAnswer.answered(new SimSwap(NOW.minus(Duration.ofDays(90)),
            Duration.ofHours(24), false), EARLIER);

    private static LookupAnswer answer(LineType type, int score, PackageAnswer<SimSwap> swap) {
        return new LookupAnswer(true, PackageAnswer.answered(type, EARLIER), PackageAnswer.answered(score, EARLIER), swap);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Purpose.class)
    void lookupOffAsksNothingAndSendsEverything(Purpose purpose) {
        assertThat(NumberScreening.packagesFor(LookupSettings.DEFAULTS, purpose)).isEmpty();
        assertThat(NumberScreening.screen(LookupSettings.DEFAULTS, purpose, false, answer(LineType.PAGER, 100, OLD_SWAP), NOW).send())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "ENROLMENT | LINE_TYPE",
            "SIGNUP    | LINE_TYPE, SMS_PUMPING_RISK",
            "RESET     | SMS_PUMPING_RISK, SIM_SWAP",
            "STEP_UP   | SIM_SWAP",
            "SIGN_IN   | "})
    void eachSendAsksOnlyForWhatItsRulesNeed(Purpose purpose, String expected) {
        Set<LookupPackage> packages = EnumSet.noneOf(LookupPackage.class);
        if (expected != null) {
            for (String name : expected.split(",\\s*")) {
                packages.add(LookupPackage.valueOf(name));
            }
        }
        assertThat(NumberScreening.packagesFor(EVERYTHING, purpose)).isEqualTo(packages);
    }

    @Test
    void withOnlyTheSwitchOnlyNewNumbersAreLookedUpAndOnlyForTheirLineType() {
        assertThat(NumberScreening.packagesFor(ON, Purpose.SIGNUP)).containsExactly(LookupPackage.LINE_TYPE);
        assertThat(NumberScreening.packagesFor(ON, Purpose.RESET)).isEmpty();
        assertThat(NumberScreening.packagesFor(ON, Purpose.STEP_UP)).isEmpty();
    }

    @Test
    void aVoipNumberIsRefusedAtEnrolmentAndSignup() {
        for (Purpose purpose : EnumSet.of(Purpose.ENROLMENT, Purpose.SIGNUP)) {
            Verdict verdict = NumberScreening.screen(EVERYTHING, purpose, true, answer(LineType.NON_FIXED_VOIP, 0, OLD_SWAP), NOW);

            assertThat(verdict).isEqualTo(new Verdict(false, Reason.LINE_TYPE, "lineType=nonFixedVoip"));
        }
    }

    @Test
    void aLandlineIsRefusedUnlessTheVoiceChannelIsOffered() {
        LookupAnswer landline = answer(LineType.LANDLINE, 0, OLD_SWAP);

        assertThat(NumberScreening.screen(ON, Purpose.ENROLMENT, false, landline, NOW).reason()).isEqualTo(Reason.LINE_TYPE);
        assertThat(NumberScreening.screen(ON, Purpose.ENROLMENT, true, landline, NOW).send()).isTrue();
    }

    @Test
    void aMobileWithLowPumpingRiskAndAnOldSwapIsSentEverywhere() {
        for (Purpose purpose : Purpose.values()) {
            assertThat(NumberScreening.screen(EVERYTHING, purpose, false, answer(LineType.MOBILE, 70, OLD_SWAP), NOW))
                    .as("%s", purpose).isEqualTo(new Verdict(true, null, null));
        }
    }

    @Test
    void aPumpingRiskAboveTheThresholdRefusesAnonymousSendsOnly() {
        LookupAnswer risky = answer(LineType.MOBILE, 71, OLD_SWAP);

        assertThat(NumberScreening.screen(EVERYTHING, Purpose.SIGNUP, false, risky, NOW))
                .isEqualTo(new Verdict(false, Reason.SMS_PUMPING_RISK, "smsPumpingRiskScore=71 above 70"));
        assertThat(NumberScreening.screen(EVERYTHING, Purpose.RESET, false, risky, NOW).reason()).isEqualTo(Reason.SMS_PUMPING_RISK);
        assertThat(NumberScreening.screen(EVERYTHING, Purpose.ENROLMENT, false, risky, NOW).send()).isTrue();
        assertThat(NumberScreening.screen(EVERYTHING, Purpose.STEP_UP, false, risky, NOW).send()).isTrue();
    }

    @Test
    void aRecentSimSwapBlocksResetAndStepUp() {
        PackageAnswer<SimSwap> recent = PackageAnswer.answered(new SimSwap(NOW.minus(Duration.ofHours(3)), Duration.ofHours(24), true),
                EARLIER);

        for (Purpose purpose : EnumSet.of(Purpose.RESET, Purpose.STEP_UP)) {
            Verdict verdict = NumberScreening.screen(EVERYTHING, purpose, false, answer(LineType.MOBILE, 0, recent), NOW);

            assertThat(verdict.send()).isFalse();
            assertThat(verdict.reason()).isEqualTo(Reason.SIM_SWAP);
            assertThat(verdict.detail()).isEqualTo("simSwap 180 min ago, period PT24H");
        }
        assertThat(NumberScreening.screen(EVERYTHING, Purpose.SIGN_IN, false, answer(LineType.MOBILE, 0, recent), NOW).send()).isTrue();
    }

    @ParameterizedTest(name = "policy {0}: send {1}")
    @CsvSource({"ALLOW, true", "REFUSE, false"})
    void aPackageWithoutCoverageFollowsTheFailurePolicy(FailurePolicy policy, boolean send) {
        LookupSettings settings = new LookupSettings(true, LookupSettings.DEFAULT_REFUSED_LINE_TYPES, Optional.empty(),
                Optional.of(Duration.ofHours(24)), policy, Duration.ofDays(7));
        LookupAnswer unsupported = answer(LineType.MOBILE, 0, PackageAnswer.failed(60607, EARLIER));

        Verdict verdict = NumberScreening.screen(settings, Purpose.STEP_UP, false, unsupported, NOW);

        assertThat(verdict).isEqualTo(new Verdict(send, Reason.LOOKUP_FAILED, "sim_swap failed error_code=60607"));
    }

    @Test
    void anUndeterminedSwapFollowsTheFailurePolicy() {
        LookupAnswer vague = answer(LineType.MOBILE, 0, PackageAnswer.answered(new SimSwap(null, Duration.ofHours(48), true), EARLIER));

        Verdict verdict = NumberScreening.screen(EVERYTHING, Purpose.STEP_UP, false, vague, NOW);

        assertThat(verdict).isEqualTo(new Verdict(true, Reason.LOOKUP_FAILED, "sim_swap in PT48H undetermined for PT24H"));
    }

    @Test
    void aDefiniteRefusalWinsOverAPackageThatCouldNotAnswer() {
        LookupAnswer answer = new LookupAnswer(true, PackageAnswer.failed(60610, EARLIER), PackageAnswer.answered(99, EARLIER),
                PackageAnswer.notAsked());

        assertThat(NumberScreening.screen(EVERYTHING, Purpose.SIGNUP, false, answer, NOW).reason()).isEqualTo(Reason.SMS_PUMPING_RISK);
    }

    @Test
    void aNumberTwilioCallsInvalidIsRefused() {
        LookupAnswer invalid = new LookupAnswer(false, PackageAnswer.failed(null, EARLIER), PackageAnswer.notAsked(),
                PackageAnswer.notAsked());

        assertThat(NumberScreening.screen(ON, Purpose.ENROLMENT, true, invalid, NOW)).isEqualTo(new Verdict(false, Reason.INVALID_NUMBER,
                "valid=false"));
    }

    @ParameterizedTest(name = "policy {0}: send {1}")
    @CsvSource({"ALLOW, true", "REFUSE, false"})
    void aFailedRequestFollowsTheFailurePolicyAndSaysWhyWithoutTheNumber(FailurePolicy policy, boolean send) {
        LookupSettings settings = new LookupSettings(true, LookupSettings.DEFAULT_REFUSED_LINE_TYPES, Optional.empty(), Optional.empty(),
                policy, Duration.ofDays(7));

        Verdict verdict = NumberScreening.lookupFailed(settings,
                new LookupException(LookupFailure.UNAVAILABLE, 503, 20503, "Twilio answered with an error", null));

        assertThat(verdict).isEqualTo(new Verdict(send, Reason.LOOKUP_FAILED,
                "Lookup UNAVAILABLE (http=503, twilioCode=20503): Twilio answered with an error"));
    }

    @Test
    void aCachedAnswerSparesTheLookupWhileFresh() {
        LookupAnswer cached = answer(LineType.MOBILE, 0, OLD_SWAP);

        assertThat(NumberScreening.toAsk(EVERYTHING, Purpose.SIGNUP, Optional.of(cached), NOW)).isEmpty();
        assertThat(NumberScreening.toAsk(EVERYTHING, Purpose.SIGNUP, Optional.empty(), NOW))
                .containsExactlyInAnyOrder(LookupPackage.LINE_TYPE, LookupPackage.SMS_PUMPING_RISK);
        assertThat(NumberScreening.toAsk(EVERYTHING, Purpose.SIGNUP, Optional.of(cached), EARLIER.plus(Duration.ofDays(7))))
                .containsExactlyInAnyOrder(LookupPackage.LINE_TYPE, LookupPackage.SMS_PUMPING_RISK);
    }

    @Test
    void aCachedSimSwapAnswerLastsMinutesNotTheCacheLifetime() {
        LookupAnswer cached = answer(LineType.MOBILE, 0, OLD_SWAP);

        assertThat(NumberScreening.toAsk(EVERYTHING, Purpose.STEP_UP, Optional.of(cached), EARLIER.plus(Duration.ofMinutes(9))))
                .isEmpty();
        assertThat(NumberScreening.toAsk(EVERYTHING, Purpose.STEP_UP, Optional.of(cached), EARLIER.plus(LookupSettings.SIM_SWAP_REUSE)))
                .containsExactly(LookupPackage.SIM_SWAP);
    }

    @Test
    void aCachedAnswerWithoutAPackageAsksForThatOneOnly() {
        LookupAnswer enrolled = new LookupAnswer(true, PackageAnswer.answered(LineType.MOBILE, EARLIER), PackageAnswer.notAsked(),
                PackageAnswer.notAsked());

        assertThat(NumberScreening.toAsk(EVERYTHING, Purpose.SIGNUP, Optional.of(enrolled), NOW))
                .containsExactly(LookupPackage.SMS_PUMPING_RISK);
    }
}
