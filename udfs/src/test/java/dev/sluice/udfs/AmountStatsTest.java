package dev.sluice.udfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

class AmountStatsTest {

    private final AmountStats stats = new AmountStats();
    private final Random random = new Random(42);

    @Test
    void emptyAndSingleElementWindows() {
        AmountStats.Accumulator acc = stats.createAccumulator();
        assertThat(stats.getValue(acc)).isEqualTo(Row.of(0L, null, null));

        stats.accumulate(acc, 12.5);
        assertThat(stats.getValue(acc)).isEqualTo(Row.of(1L, 12.5, 0.0));
    }

    @Test
    void ignoresNullNanAndInfinity() {
        AmountStats.Accumulator acc = stats.createAccumulator();
        for (Double amount : new Double[] {null, Double.NaN, Double.POSITIVE_INFINITY, 3.0, 5.0}) {
            stats.accumulate(acc, amount);
        }
        stats.retract(acc, Double.NaN);
        stats.retract(acc, null);

        assertThat(stats.getValue(acc)).isEqualTo(Row.of(2L, 4.0, 1.0));
    }

    @Test
    void accumulateMatchesBruteForce() {
        for (int trial = 0; trial < 200; trial++) {
            List<Double> values = randomValues(1 + random.nextInt(50));
            AmountStats.Accumulator acc = stats.createAccumulator();
            values.forEach(v -> stats.accumulate(acc, v));
            assertMatches(stats.getValue(acc), values);
        }
    }

    @Test
    void slidingWithRetractMatchesBruteForce() {
        List<Double> stream = randomValues(2_000);
        int width = 25;
        AmountStats.Accumulator acc = stats.createAccumulator();
        for (int i = 0; i < stream.size(); i++) {
            stats.accumulate(acc, stream.get(i));
            if (i >= width) {
                stats.retract(acc, stream.get(i - width));
            }
            assertMatches(stats.getValue(acc), stream.subList(Math.max(0, i - width + 1), i + 1));
        }
        for (int i = stream.size() - width; i < stream.size(); i++) {
            stats.retract(acc, stream.get(i));
        }
        assertThat(stats.getValue(acc)).isEqualTo(Row.of(0L, null, null));
    }

    @Test
    void mergeOfRandomSplitsMatchesBruteForce() {
        for (int trial = 0; trial < 200; trial++) {
            List<Double> values = randomValues(1 + random.nextInt(60));
            List<AmountStats.Accumulator> parts = new ArrayList<>();
            for (int p = 0; p < 1 + random.nextInt(4); p++) {
                parts.add(stats.createAccumulator());
            }
            values.forEach(v -> stats.accumulate(parts.get(random.nextInt(parts.size())), v));
            AmountStats.Accumulator merged = stats.createAccumulator();
            stats.merge(merged, parts);
            assertMatches(stats.getValue(merged), values);
        }
    }

    @Test
    void staysAccurateForLargeAmountsWithSmallSpread() {
        AmountStats.Accumulator acc = stats.createAccumulator();
        for (int i = 0; i < 1_000; i++) {
            stats.accumulate(acc, 1e9 + (i % 2 == 0 ? 1 : -1));
        }
        Row row = stats.getValue(acc);
        assertThat((Double) row.getField(1)).isCloseTo(1e9, within(1e-6));
        assertThat((Double) row.getField(2)).isCloseTo(1.0, within(1e-6));
    }

    private List<Double> randomValues(int n) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(Math.exp(3.5 + random.nextGaussian()) * (random.nextInt(20) == 0 ? 100 : 1));
        }
        return values;
    }

    private static void assertMatches(Row row, List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance =
                values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
        assertThat(row.getField(0)).isEqualTo((long) values.size());
        assertThat((Double) row.getField(1)).isCloseTo(mean, within(Math.abs(mean) * 1e-9 + 1e-9));
        assertThat((Double) row.getField(2))
                .isCloseTo(Math.sqrt(variance), within(Math.sqrt(variance) * 1e-6 + 1e-6));
    }
}
