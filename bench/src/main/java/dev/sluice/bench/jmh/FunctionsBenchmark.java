package dev.sluice.bench.jmh;

import dev.sluice.udfs.AmountStats;
import dev.sluice.udfs.BoundedDistinctCount;
import dev.sluice.udfs.FraudReasons;
import dev.sluice.udfs.FraudScore;
import dev.sluice.udfs.GeoDistanceKm;
import dev.sluice.udfs.ImpossibleTravel;
import dev.sluice.udfs.ZScore;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The fraud functions one call at a time, on varied inputs (a fixed-seed pool of 1,024, so the JIT
 * cannot fold a constant). Run: {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl bench
 * exec:exec -Dbench.main=org.openjdk.jmh.Main -Dbench.args=Functions}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FunctionsBenchmark {

    private static final int POOL = 1024;
    private static final String[] MERCHANTS = {
        "grocery", "fuel", "electronics", "crypto", "gift-cards"
    };
    private static final String[] COUNTRIES = {"DE", "FR", "US", "NG", "RU", "BR"};

    private final FraudScore score = new FraudScore();
    private final FraudReasons reasons = new FraudReasons();
    private final ZScore zScore = new ZScore();
    private final GeoDistanceKm distance = new GeoDistanceKm();
    private final ImpossibleTravel travel = new ImpossibleTravel();
    private final AmountStats stats = new AmountStats();
    private final BoundedDistinctCount distinct = new BoundedDistinctCount();

    private double[] amounts;
    private double[] means;
    private double[] stddevs;
    private long[] counts;
    private String[] merchants;
    private String[] countries;
    private int[] hours;
    private double[] lats;
    private double[] lons;
    private LocalDateTime[] times;
    private AmountStats.Accumulator window;
    private List<AmountStats.Accumulator> panes;
    private BoundedDistinctCount.Accumulator seen;
    private int i;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        amounts = new double[POOL];
        means = new double[POOL];
        stddevs = new double[POOL];
        counts = new long[POOL];
        merchants = new String[POOL];
        countries = new String[POOL];
        hours = new int[POOL];
        lats = new double[POOL];
        lons = new double[POOL];
        times = new LocalDateTime[POOL];
        LocalDateTime start = LocalDateTime.of(2026, 11, 26, 0, 0);
        for (int k = 0; k < POOL; k++) {
            amounts[k] = Math.exp(random.nextGaussian() + 4) * (random.nextInt(50) == 0 ? 40 : 1);
            means[k] = 60 + random.nextDouble() * 40;
            stddevs[k] = 10 + random.nextDouble() * 30;
            counts[k] = random.nextInt(30);
            merchants[k] = MERCHANTS[random.nextInt(MERCHANTS.length)];
            countries[k] = COUNTRIES[random.nextInt(COUNTRIES.length)];
            hours[k] = random.nextInt(24);
            lats[k] = random.nextDouble() * 180 - 90;
            lons[k] = random.nextDouble() * 360 - 180;
            times[k] = start.plusMinutes(random.nextInt(600));
        }
        window = stats.createAccumulator();
        for (int k = 0; k < 100; k++) {
            stats.accumulate(window, amounts[k]);
        }
        panes = new java.util.ArrayList<>();
        for (int p = 0; p < 10; p++) {
            AmountStats.Accumulator pane = stats.createAccumulator();
            for (int k = 0; k < 20; k++) {
                stats.accumulate(pane, amounts[p * 20 + k]);
            }
            panes.add(pane);
        }
        seen = distinct.createAccumulator();
    }

    private int next() {
        i = (i + 1) & (POOL - 1);
        return i;
    }

    @Benchmark
    public Double fraudScore() {
        int k = next();
        return score.eval(
                amounts[k],
                means[k],
                stddevs[k],
                counts[k],
                counts[(k + 7) & (POOL - 1)],
                merchants[k],
                countries[k],
                hours[k]);
    }

    @Benchmark
    public String[] fraudReasons() {
        int k = next();
        return reasons.eval(
                amounts[k],
                means[k],
                stddevs[k],
                counts[k],
                counts[(k + 7) & (POOL - 1)],
                merchants[k],
                countries[k],
                hours[k]);
    }

    @Benchmark
    public Double zScore() {
        int k = next();
        return zScore.eval(amounts[k], means[k], stddevs[k]);
    }

    @Benchmark
    public Double geoDistanceKm() {
        int k = next();
        return distance.eval(
                lats[k], lons[k], lats[(k + 1) & (POOL - 1)], lons[(k + 1) & (POOL - 1)]);
    }

    @Benchmark
    public Boolean impossibleTravel() {
        int k = next();
        int j = (k + 1) & (POOL - 1);
        return travel.eval(lats[k], lons[k], times[k], lats[j], lons[j], times[j], 900.0);
    }

    /** One step of a sliding window: the newest amount in, the oldest out. */
    @Benchmark
    public void amountStatsSlide(Blackhole sink) {
        int k = next();
        stats.accumulate(window, amounts[k]);
        stats.retract(window, amounts[(k + POOL - 100) & (POOL - 1)]);
        sink.consume(window);
    }

    /** Ten panes of a HOP window merged into one result, as window aggregation does. */
    @Benchmark
    public Object amountStatsMergeTenPanes() {
        AmountStats.Accumulator merged = stats.createAccumulator();
        stats.merge(merged, panes);
        return stats.getValue(merged);
    }

    @Benchmark
    public void distinctCountAccumulate(Blackhole sink) {
        int k = next();
        distinct.accumulate(seen, merchants[k] + countries[k]);
        sink.consume(seen);
    }
}
