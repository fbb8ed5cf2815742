package dev.sluice.udfs;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.types.Row;

/**
 * {@code AMOUNT_STATS(amount)}: {@code ROW<cnt BIGINT, mean DOUBLE, stddev DOUBLE>} of the amounts
 * in a window — count, mean and population standard deviation, computed with Welford's numerically
 * stable updates; retractable (for OVER and updating inputs) and mergeable (for SESSION windows and
 * two-phase aggregation, by Chan's formula).
 *
 * <p>NULL, NaN and infinite amounts are ignored. With no amounts: {@code (0, NULL, NULL)}; with
 * one: standard deviation 0.
 */
@FunctionHint(output = @DataTypeHint("ROW<cnt BIGINT, mean DOUBLE, stddev DOUBLE>"))
public final class AmountStats extends AggregateFunction<Row, AmountStats.Accumulator> {

    private static final long serialVersionUID = 1L;

    /** Count, mean and sum of squared deviations; public fields so Flink can keep it as state. */
    public static final class Accumulator {
        public long count;
        public double mean;
        public double m2;
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator();
    }

    public void accumulate(Accumulator acc, Double amount) {
        if (amount == null || !Double.isFinite(amount)) {
            return;
        }
        acc.count++;
        double delta = amount - acc.mean;
        acc.mean += delta / acc.count;
        acc.m2 += delta * (amount - acc.mean);
    }

    public void retract(Accumulator acc, Double amount) {
        if (amount == null || !Double.isFinite(amount) || acc.count == 0) {
            return;
        }
        if (acc.count == 1) {
            acc.count = 0;
            acc.mean = 0;
            acc.m2 = 0;
            return;
        }
        double meanBefore = acc.mean;
        acc.count--;
        acc.mean = (meanBefore * (acc.count + 1) - amount) / acc.count;
        acc.m2 = Math.max(0, acc.m2 - (amount - meanBefore) * (amount - acc.mean));
    }

    public void merge(Accumulator acc, Iterable<Accumulator> others) {
        for (Accumulator other : others) {
            if (other.count == 0) {
                continue;
            }
            long total = acc.count + other.count;
            double delta = other.mean - acc.mean;
            acc.mean += delta * other.count / total;
            acc.m2 += other.m2 + delta * delta * ((double) acc.count * other.count / total);
            acc.count = total;
        }
    }

    public void resetAccumulator(Accumulator acc) {
        acc.count = 0;
        acc.mean = 0;
        acc.m2 = 0;
    }

    @Override
    public Row getValue(Accumulator acc) {
        if (acc.count == 0) {
            return Row.of(0L, null, null);
        }
        return Row.of(acc.count, acc.mean, Math.sqrt(acc.m2 / acc.count));
    }
}
