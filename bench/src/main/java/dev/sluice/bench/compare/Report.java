package dev.sluice.bench.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What one run measured: every round, the medians, the ratios the goals name. */
final class Report {

    private final CompareBenchmark.Settings settings;
    private final List<Row> rows = new ArrayList<>();
    private final List<FreshRow> freshness = new ArrayList<>();
    private final Map<String, long[]> resources = new LinkedHashMap<>();
    private final Map<String, Double> cpuTotals = new LinkedHashMap<>();

    Report(CompareBenchmark.Settings settings) {
        this.settings = settings;
    }

    record Row(
            int round, String workload, String side, double eventsPerSecond, double cpuSeconds) {}

    record FreshRow(
            String side,
            int intervalMs,
            Freshness.Result latency,
            double exactlyOnce,
            double atLeastOnce) {}

    void add(int round, String workload, String side, double rate, double cpu) {
        rows.add(new Row(round, workload, side, rate, cpu));
    }

    void addFreshness(String side, int interval, Freshness.Result latency, double eo, double alo) {
        freshness.add(new FreshRow(side, interval, latency, eo, alo));
    }

    void resources(String side, double cpuSeconds, long peakRssMib) {
        cpuTotals.put(side, cpuSeconds);
        resources.put(side, new long[] {peakRssMib});
    }

    List<Row> rows() {
        return rows;
    }

    List<FreshRow> freshness() {
        return freshness;
    }

    double median(String workload, String side) {
        List<Double> values =
                rows.stream()
                        .filter(r -> r.workload().equals(workload) && r.side().equals(side))
                        .map(Row::eventsPerSecond)
                        .sorted()
                        .toList();
        if (values.isEmpty()) {
            return Double.NaN;
        }
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    /** Largest ÷ smallest round of one workload on one side: how noisy the box was. */
    double spread(String workload, String side) {
        List<Double> values =
                rows.stream()
                        .filter(r -> r.workload().equals(workload) && r.side().equals(side))
                        .map(Row::eventsPerSecond)
                        .sorted()
                        .toList();
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1) / values.get(0);
    }

    double cpuPerMillion(String workload, String side) {
        return rows.stream()
                        .filter(r -> r.workload().equals(workload) && r.side().equals(side))
                        .mapToDouble(Row::cpuSeconds)
                        .average()
                        .orElse(Double.NaN)
                / (settings.events() / 1e6);
    }

    /** The ratios of the goals, in order, as label → value. */
    Map<String, Double> ratios() {
        String hop = Workload.FRAUD_HOP.name();
        String sluice = CompareBenchmark.SLUICE;
        String stock = CompareBenchmark.STOCK;
        double bestStock = Math.max(median(hop, stock), median(hop, CompareBenchmark.STOCK_P2));
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put(
                "fraud HOP: Sluice ÷ stock Flink (the faster of parallelism 1 and 2)",
                median(hop, sluice) / bestStock);
        ratios.put(
                "fraud HOP: Sluice ÷ stock Flink at its default parallelism 1",
                median(hop, sluice) / median(hop, stock));
        ratios.put(
                "fraud HOP: Sluice ÷ plain Kafka consumer",
                median(hop, sluice) / median("plain Kafka consumer", "Kafka"));
        ratios.put(
                "fraud HOP: stock Flink ÷ plain Kafka consumer",
                bestStock / median("plain Kafka consumer", "Kafka"));
        ratios.put(
                "fraud HOP: Sluice exactly-once ÷ at-least-once",
                median(hop, sluice) / median("fraud HOP, at-least-once", sluice));
        ratios.put(
                "fraud HOP: stock exactly-once ÷ at-least-once",
                median(hop, stock) / median("fraud HOP, at-least-once", stock));
        for (Workload w : List.of(Workload.TUMBLE, Workload.SESSION, Workload.FRAUD_HOP)) {
            for (String side : List.of(sluice, stock)) {
                ratios.put(
                        "%s ÷ pass-through, %s".formatted(w.name(), side),
                        median(w.name(), side) / median(Workload.PASS_THROUGH.name(), side));
            }
        }
        for (Workload w : List.of(Workload.TUMBLE, Workload.SESSION, Workload.PASS_THROUGH)) {
            ratios.put(
                    "%s: Sluice ÷ stock".formatted(w.name()),
                    median(w.name(), sluice) / median(w.name(), stock));
        }
        for (String side : List.of(sluice, stock)) {
            ratios.put(
                    "scoring with ÷ without FRAUD_SCORE, " + side,
                    median(Workload.SCORING.name(), side)
                            / median(Workload.SCORING_WITHOUT.name(), side));
        }
        return ratios;
    }

    void print(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%n%,d transactions, %,d accounts, %d measured rounds (+1 warm-up), medians in"
                        + " events/s:%n",
                settings.events(),
                settings.accounts(),
                settings.rounds());
        out.printf(
                Locale.ROOT, "  %-28s %14s %14s %14s%n", "", "Sluice", "stock Flink", "stock p=2");
        List<String> workloads = new ArrayList<>();
        rows.forEach(
                r -> {
                    if (!workloads.contains(r.workload())) {
                        workloads.add(r.workload());
                    }
                });
        for (String w : workloads) {
            out.printf(
                    Locale.ROOT,
                    "  %-28s %,14.0f %,14.0f %,14.0f%n",
                    w,
                    median(w, w.startsWith("plain") ? "Kafka" : CompareBenchmark.SLUICE),
                    median(w, CompareBenchmark.STOCK),
                    median(w, CompareBenchmark.STOCK_P2));
        }
        out.println(
                "Ratios (goals: fraud HOP Sluice ÷ stock >= 2.0; EO ÷ ALO >= 0.95;"
                        + " scoring with ÷ without >= 0.9):");
        ratios().forEach((k, v) -> out.printf(Locale.ROOT, "  %-70s %6.2f%n", k, v));
        out.println("CPU seconds per million events (mean of the rounds):");
        perSide(out, workloads, "  %-28s Sluice %6.1f  stock %6.1f%n", this::cpuPerMillion);
        out.println("Noise (largest ÷ smallest round):");
        perSide(out, workloads, "  %-28s Sluice %5.2f  stock %5.2f%n", this::spread);
        out.println(
                "Exactly-once freshness at 100 ev/s (produce → read_committed), by checkpoint"
                        + " interval (goal: p99 <= 500 ms with EO ÷ ALO >= 0.95):");
        for (FreshRow f : freshness) {
            out.printf(
                    Locale.ROOT,
                    "  %-12s %5d ms: p50 %5d  p99 %5d  max %5d ms; fraud HOP EO %,8.0f ALO %,8.0f"
                            + " ev/s, EO ÷ ALO %.2f%n",
                    f.side(),
                    f.intervalMs(),
                    f.latency().p50(),
                    f.latency().p99(),
                    f.latency().max(),
                    f.exactlyOnce(),
                    f.atLeastOnce(),
                    f.exactlyOnce() / f.atLeastOnce());
        }
        out.println("Processes (whole run):");
        resources.forEach(
                (side, values) ->
                        out.printf(
                                Locale.ROOT,
                                "  %-12s CPU %7.1f s, peak RSS %,d MiB%n",
                                side,
                                cpuTotals.get(side),
                                values[0]));
    }

    /** One line per workload run on both sides (not the plain consumer): Sluice's, then stock's. */
    private static void perSide(
            PrintStream out,
            List<String> workloads,
            String format,
            java.util.function.ToDoubleBiFunction<String, String> figure) {
        for (String w : workloads) {
            if (!w.startsWith("plain")) {
                out.printf(
                        Locale.ROOT,
                        format,
                        w,
                        figure.applyAsDouble(w, CompareBenchmark.SLUICE),
                        figure.applyAsDouble(w, CompareBenchmark.STOCK));
            }
        }
    }

    /** The CSV of every round, the summary and the chart. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("kind,round,workload,side,value,cpu_seconds\n");
        for (Row r : rows) {
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "events_per_second,%d,%s,%s,%.1f,%.2f%n",
                            r.round(),
                            r.workload(),
                            r.side(),
                            r.eventsPerSecond(),
                            r.cpuSeconds()));
        }
        for (FreshRow f : freshness) {
            String at = f.side() + " checkpoint " + f.intervalMs() + " ms";
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "freshness_p50_ms,0,%s,%s,%d,%n",
                            "pass-through",
                            at,
                            f.latency().p50()));
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "freshness_p99_ms,0,%s,%s,%d,%n",
                            "pass-through",
                            at,
                            f.latency().p99()));
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "freshness_max_ms,0,%s,%s,%d,%n",
                            "pass-through",
                            at,
                            f.latency().max()));
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "events_per_second_eo,0,fraud HOP,%s,%.1f,%n",
                            at,
                            f.exactlyOnce()));
            csv.append(
                    String.format(
                            Locale.ROOT,
                            "events_per_second_alo,0,fraud HOP,%s,%.1f,%n",
                            at,
                            f.atLeastOnce()));
        }
        ratios().forEach(
                        (k, v) ->
                                csv.append(
                                        String.format(
                                                Locale.ROOT,
                                                "ratio,0,%s,,%.3f,%n",
                                                k.replace(",", ";"),
                                                v)));
        resources.forEach(
                (side, values) ->
                        csv.append(
                                String.format(
                                        Locale.ROOT,
                                        "peak_rss_mib,0,,%s,%d,%.1f%n",
                                        side,
                                        values[0],
                                        cpuTotals.get(side))));
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        Files.writeString(dir.resolve("compare-" + date + ".csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("compare-latest.csv"), csv, StandardCharsets.UTF_8);
        Chart.write(this, settings, dir.resolve("compare-latest.png"), date);
    }
}
