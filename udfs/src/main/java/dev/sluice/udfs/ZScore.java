package dev.sluice.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code Z_SCORE(x, mean, stddev)}: how many standard deviations {@code x} lies from {@code mean}.
 *
 * <p>NULL when any argument is NULL or not finite, or when {@code stddev} is not positive (a single
 * observation has no spread to compare against).
 */
public final class ZScore extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    public Double eval(Double x, Double mean, Double stddev) {
        if (x == null || mean == null || stddev == null) {
            return null;
        }
        if (!Double.isFinite(x) || !Double.isFinite(mean) || !Double.isFinite(stddev)) {
            return null;
        }
        if (stddev <= 0) {
            return null;
        }
        double z = (x - mean) / stddev;
        return Double.isFinite(z) ? z : null;
    }
}
