package io.github.kctwilio.otp.lookup;

import java.util.Objects;

/**
 * Lookup v2's answers about one number, reduced to what the plugin decides on; cached per number, package by package.
 *
 * @param valid          Twilio's {@code valid} in the latest answer: the number lies in a range carriers may assign
 * @param lineType       line type intelligence
 * @param smsPumpingRisk SMS pumping risk: {@code sms_pumping_risk_score}, 0 (none) to 100
 * @param simSwap        the last SIM swap
 */
public record LookupAnswer(boolean valid, PackageAnswer<LineType> lineType, PackageAnswer<Integer> smsPumpingRisk,
                           PackageAnswer<SimSwap> simSwap) {

    public LookupAnswer {
        Objects.requireNonNull(lineType, "lineType");
        Objects.requireNonNull(smsPumpingRisk, "smsPumpingRisk");
        Objects.requireNonNull(simSwap, "simSwap");
    }

    /** One package's part of the answer, whatever its type. */
    public PackageAnswer<?> part(LookupPackage lookupPackage) {
        return switch (lookupPackage) {
            case LINE_TYPE -> lineType;
            case SMS_PUMPING_RISK -> smsPumpingRisk;
            case SIM_SWAP -> simSwap;
        };
    }

    /** A cached answer brought up to date: each package from whichever answer asked it last; validity from {@code newer}. */
    public LookupAnswer updatedWith(LookupAnswer newer) {
        return new LookupAnswer(newer.valid, lineType.orNewer(newer.lineType), smsPumpingRisk.orNewer(newer.smsPumpingRisk),
                simSwap.orNewer(newer.simSwap));
    }
}
