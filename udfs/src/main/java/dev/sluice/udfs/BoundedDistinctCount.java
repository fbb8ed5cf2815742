package dev.sluice.udfs;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.functions.AggregateFunction;

/**
 * {@code DISTINCT_COUNT_BOUNDED(value)}: how many distinct non-NULL values (merchants, countries) a
 * window saw, counting at most {@value #LIMIT}: memory stays bounded however long the window. Exact
 * below the limit; {@value #LIMIT} means "at least that many". Retractable and mergeable.
 */
public final class BoundedDistinctCount
        extends AggregateFunction<Long, BoundedDistinctCount.Accumulator> {

    private static final long serialVersionUID = 1L;

    /** At most this many distinct values are remembered. */
    public static final int LIMIT = 1000;

    /** Occurrences per remembered value; public fields so Flink can keep it as state. */
    public static final class Accumulator {
        public Map<String, Long> counts = new HashMap<>();
        public boolean saturated;
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator();
    }

    public void accumulate(Accumulator acc, String value) {
        if (value == null) {
            return;
        }
        if (acc.counts.containsKey(value) || acc.counts.size() < LIMIT) {
            acc.counts.merge(value, 1L, Long::sum);
        } else {
            acc.saturated = true;
        }
    }

    public void retract(Accumulator acc, String value) {
        if (value == null) {
            return;
        }
        acc.counts.computeIfPresent(value, (k, n) -> n == 1 ? null : n - 1);
    }

    public void merge(Accumulator acc, Iterable<Accumulator> others) {
        for (Accumulator other : others) {
            other.counts.forEach(
                    (value, n) -> {
                        if (acc.counts.containsKey(value) || acc.counts.size() < LIMIT) {
                            acc.counts.merge(value, n, Long::sum);
                        } else {
                            acc.saturated = true;
                        }
                    });
            acc.saturated |= other.saturated;
        }
    }

    @Override
    public Long getValue(Accumulator acc) {
        return (long) Math.min(acc.counts.size(), LIMIT);
    }
}
