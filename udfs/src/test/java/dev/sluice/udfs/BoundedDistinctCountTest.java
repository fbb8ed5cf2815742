package dev.sluice.udfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedDistinctCountTest {

    private final BoundedDistinctCount distinct = new BoundedDistinctCount();

    @Test
    void countsDistinctValuesIgnoringNulls() {
        BoundedDistinctCount.Accumulator acc = distinct.createAccumulator();
        for (String merchant : new String[] {"ikea", "lidl", "ikea", null, "hema"}) {
            distinct.accumulate(acc, merchant);
        }
        assertThat(distinct.getValue(acc)).isEqualTo(3L);

        distinct.retract(acc, "ikea");
        assertThat(distinct.getValue(acc)).isEqualTo(3L);
        distinct.retract(acc, "ikea");
        assertThat(distinct.getValue(acc)).isEqualTo(2L);
    }

    @Test
    void memoryStaysBoundedAtTheLimit() {
        BoundedDistinctCount.Accumulator acc = distinct.createAccumulator();
        for (int i = 0; i < 5 * BoundedDistinctCount.LIMIT; i++) {
            distinct.accumulate(acc, "m" + i);
        }
        assertThat(distinct.getValue(acc)).isEqualTo(BoundedDistinctCount.LIMIT);
        assertThat(acc.counts).hasSize(BoundedDistinctCount.LIMIT);
        assertThat(acc.saturated).isTrue();
    }

    @Test
    void mergesPartialWindows() {
        BoundedDistinctCount.Accumulator a = distinct.createAccumulator();
        BoundedDistinctCount.Accumulator b = distinct.createAccumulator();
        distinct.accumulate(a, "NL");
        distinct.accumulate(a, "DE");
        distinct.accumulate(b, "DE");
        distinct.accumulate(b, "BR");
        BoundedDistinctCount.Accumulator merged = distinct.createAccumulator();

        distinct.merge(merged, List.of(a, b));

        assertThat(distinct.getValue(merged)).isEqualTo(3L);
        assertThat(merged.counts).containsEntry("DE", 2L);
    }
}
