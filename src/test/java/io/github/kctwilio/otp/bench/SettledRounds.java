package io.github.kctwilio.otp.bench;

import java.util.List;

/** The arithmetic of settled measurement: when a flow counts as warm, and the median and spread of per-round values. */
final class SettledRounds {

    /**
     * One settling window of one flow.
     *
     * @param requestPerLogin CPU per login on request threads, ms
     * @param compilerShare   the JIT compilers' CPU in the window as a share of the request threads' (0.04: 4%)
     */
    record Window(double requestPerLogin, double compilerShare) {
        @Override
        public String toString() {
            return String.format("%.2f (JIT %.0f%%)", requestPerLogin, 100 * compilerShare);
        }
    }

    private SettledRounds() {
    }

    /**
     * A flow is warm when its CPU per login agrees with its previous window within {@code tolerance} and the JIT
     * compilers have next to nothing left to do ({@code maxCompilerShare}): two windows can agree by chance while the
     * JIT is still busy, and a busy JIT means the figure is still falling.
     */
    static boolean settled(Window previous, Window current, double tolerance, double maxCompilerShare) {
        return settled(previous.requestPerLogin(), current.requestPerLogin(), tolerance) && current.compilerShare() <= maxCompilerShare;
    }

    /** Two consecutive windows within {@code tolerance} of each other (relative to the earlier one). */
    static boolean settled(double previous, double current, double tolerance) {
        return previous > 0 && Math.abs(current - previous) / previous <= tolerance;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** "1.05 (0.98 to 1.12 over 5 rounds)". */
    static String medianAndSpread(List<Double> values, String format) {
        return String.format(format + " (" + format + " to " + format + " over %d rounds)", median(values), min(values), max(values),
                values.size());
    }
}
