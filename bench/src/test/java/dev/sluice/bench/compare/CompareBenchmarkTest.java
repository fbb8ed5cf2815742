package dev.sluice.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison harness in a tiny configuration, so it cannot rot: both sides start, every
 * workload runs on both, every figure is measured and written. Times nothing; the full run is
 * manual (README, "Benchmarks").
 */
class CompareBenchmarkTest {

    @Test
    void aTinyRunMeasuresEveryFigureOnBothSides(@TempDir Path out) throws Exception {
        CompareBenchmark.Settings settings =
                CompareBenchmark.Settings.parse(
                        "events=2000",
                        "accounts=50",
                        "rounds=1",
                        "freshness-seconds=2",
                        "curve=1000,250",
                        "out=" + out);

        Report report = CompareBenchmark.run(settings);
        report.write(out);

        for (Workload workload : Workload.ALL) {
            for (String side : List.of(CompareBenchmark.SLUICE, CompareBenchmark.STOCK)) {
                assertThat(report.median(workload.name(), side))
                        .as(workload.name() + " on " + side)
                        .isPositive();
            }
        }
        assertThat(report.median(Workload.FRAUD_HOP.name(), CompareBenchmark.STOCK_P2))
                .isPositive();
        assertThat(report.ratios().values()).allSatisfy(r -> assertThat(r).isPositive().isFinite());
        assertThat(report.freshness())
                .extracting(f -> f.side() + "@" + f.intervalMs())
                .containsExactly(
                        CompareBenchmark.SLUICE + "@1000",
                        CompareBenchmark.SLUICE + "@250",
                        CompareBenchmark.STOCK + "@1000");
        assertThat(report.freshness())
                .allSatisfy(f -> assertThat(f.latency().samples()).isEqualTo(200));
        assertThat(Files.readString(out.resolve("compare-latest.csv")))
                .contains("events_per_second,1,fraud HOP,Sluice,", "freshness_p99_ms,", "ratio,");
        assertThat(out.resolve("compare-latest.png")).isNotEmptyFile();
        assertThat(out.resolve("freshness-latest.png")).isNotEmptyFile();
    }

    @Test
    void anUnknownArgumentIsNamed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CompareBenchmark.Settings.parse("event=10"))
                .hasMessageContaining("unknown argument event");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CompareBenchmark.Settings.parse("10"))
                .hasMessageContaining("key=value");
    }
}
