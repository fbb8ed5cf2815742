package dev.sluice.bench.compare;

import dev.sluice.cli.generate.Topics;
import dev.sluice.cli.generate.TransactionGenerator;
import dev.sluice.cli.generate.TransactionJson;
import dev.sluice.runtime.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sluice next to stock Flink, in one run on one box: one Kafka broker (in this JVM), Sluice's stack
 * and a stock Flink MiniCluster + SQL Gateway (each in a JVM of its own, {@link BenchServer}), both
 * driven through Flink's stock JDBC driver with the same SQL over the same topics. Rounds alternate
 * which side goes first; the first round is a warm-up; figures are medians. Prints a table, writes
 * {@code compare-<date>.csv}, {@code compare-latest.csv} and {@code compare-latest.png} under the
 * output directory. Asserts nothing.
 *
 * <p>Arguments ({@code key=value}, all optional): {@code events} (transactions, default 1,000,000),
 * {@code accounts} (5,000), {@code rounds} (measured rounds after the warm-up, 3), {@code
 * freshness-seconds} (per freshness run, 30), {@code curve} (checkpoint intervals in ms for
 * Sluice's freshness/throughput curve, {@code 1000,500,250,100}), {@code out} ({@code
 * bench/results}).
 */
public final class CompareBenchmark {

    static final String SLUICE = "Sluice";
    static final String STOCK = "stock Flink";
    static final String STOCK_P2 = "stock Flink, parallelism 2";

    private CompareBenchmark() {}

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Report report = run(settings);
        report.print(System.out);
        report.write(settings.out());
        System.out.println("wrote " + settings.out().toAbsolutePath().normalize());
    }

    /** The knobs of one run. */
    record Settings(
            int events,
            int accounts,
            int rounds,
            int freshnessSeconds,
            List<Integer> curve,
            List<Workload> workloads,
            boolean freshness,
            Path out) {

        static Settings parse(String... args) {
            Map<String, String> values = new LinkedHashMap<>();
            // -Dbench.args="events=… rounds=…" arrives as one argument
            for (String arg :
                    java.util.Arrays.stream(args)
                            .flatMap(a -> java.util.Arrays.stream(a.trim().split("\\s+")))
                            .filter(a -> !a.isEmpty())
                            .toList()) {
                int eq = arg.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException(
                            "arguments are key=value (events, accounts, rounds,"
                                    + " freshness-seconds, curve, out); got '"
                                    + arg
                                    + "'");
                }
                values.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            Settings settings =
                    new Settings(
                            Integer.parseInt(values.getOrDefault("events", "1000000")),
                            Integer.parseInt(values.getOrDefault("accounts", "5000")),
                            Integer.parseInt(values.getOrDefault("rounds", "3")),
                            Integer.parseInt(values.getOrDefault("freshness-seconds", "30")),
                            java.util.Arrays.stream(
                                            values.getOrDefault("curve", "1000,500,250,100")
                                                    .split(","))
                                    .map(String::trim)
                                    .map(Integer::parseInt)
                                    .toList(),
                            workloads(values.getOrDefault("workloads", "")),
                            Boolean.parseBoolean(values.getOrDefault("freshness", "true")),
                            values.containsKey("out")
                                    ? Path.of(values.get("out"))
                                    : Path.of(System.getProperty("sluice.home", "."))
                                            .resolve("bench/results"));
            values.keySet().stream()
                    .filter(
                            k ->
                                    !List.of(
                                                    "events",
                                                    "accounts",
                                                    "rounds",
                                                    "freshness-seconds",
                                                    "curve",
                                                    "workloads",
                                                    "freshness",
                                                    "out")
                                            .contains(k))
                    .findFirst()
                    .ifPresent(
                            k -> {
                                throw new IllegalArgumentException("unknown argument " + k);
                            });
            return settings;
        }

        private static List<Workload> workloads(String keys) {
            if (keys.isBlank()) {
                return Workload.ALL;
            }
            List<Workload> chosen = new java.util.ArrayList<>();
            for (String key : keys.split(",")) {
                chosen.add(
                        Workload.ALL.stream()
                                .filter(w -> w.key().equals(key.trim()))
                                .findFirst()
                                .orElseThrow(
                                        () ->
                                                new IllegalArgumentException(
                                                        "unknown workload '"
                                                                + key
                                                                + "'; known: "
                                                                + Workload.ALL.stream()
                                                                        .map(Workload::key)
                                                                        .toList())));
            }
            return chosen;
        }
    }

    static Report run(Settings settings) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createTempDirectory("sluice-compare-");
        Report report = new Report(settings);
        measure(settings, id, dir, report);
        // Kept when the run fails: each side's log is under it.
        deleteRecursively(dir);
        return report;
    }

    private static void measure(Settings settings, String id, Path dir, Report report)
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            String topic = "compare-tx-" + id;
            produce(bootstrap, topic, settings.events(), settings.accounts());
            try (Side sluice =
                            Side.start(
                                    SLUICE,
                                    "sluice",
                                    bootstrap,
                                    dir,
                                    List.of(Workload.FRAUD_HOP.sinkTable("alo")));
                    Side stock = Side.start(STOCK, "stock", bootstrap, dir, List.of())) {
                Runner runner = new Runner(bootstrap, id, topic, settings.events());
                runner.setUp(sluice);
                runner.setUp(stock);
                for (int round = 0; round <= settings.rounds(); round++) {
                    List<Side> order =
                            round % 2 == 0 ? List.of(sluice, stock) : List.of(stock, sluice);
                    StringBuilder line =
                            new StringBuilder(round == 0 ? "warm-up" : "round " + round);
                    double plain = runner.plainConsumer();
                    line.append(" | plain consumer %,.0f".formatted(plain));
                    if (round > 0) {
                        report.add(round, "plain Kafka consumer", "Kafka", plain, 0);
                    }
                    // The JVMs still warm up over a run: exactly-once first in one round,
                    // at-least-once first in the next, so neither gets the warmer JVM always.
                    boolean atLeastOnceFirst = round % 2 == 1;
                    for (int pass = 0; pass < 2; pass++) {
                        if ((pass == 0) == atLeastOnceFirst) {
                            for (Side side : order) {
                                Runner.Run alo =
                                        runner.bounded(side, Workload.FRAUD_HOP, "alo", Map.of());
                                line.append(" | %s ALO %,.0f".formatted(side.name, alo.rate()));
                                if (round > 0) {
                                    report.add(
                                            round,
                                            "fraud HOP, at-least-once",
                                            side.name,
                                            alo.rate(),
                                            alo.cpu());
                                }
                            }
                        } else {
                            for (Workload workload : settings.workloads()) {
                                for (Side side : order) {
                                    Runner.Run run = runner.bounded(side, workload, "eo", Map.of());
                                    line.append(
                                            " | %s %s %,.0f"
                                                    .formatted(
                                                            side.name,
                                                            workload.name(),
                                                            run.rate()));
                                    if (round > 0) {
                                        report.add(
                                                round,
                                                workload.name(),
                                                side.name,
                                                run.rate(),
                                                run.cpu());
                                    }
                                }
                            }
                        }
                    }
                    Runner.Run p2 =
                            runner.bounded(
                                    stock,
                                    Workload.FRAUD_HOP,
                                    "eo",
                                    Map.of("parallelism.default", "2"));
                    line.append(" | %s %,.0f".formatted(STOCK_P2, p2.rate()));
                    if (round > 0) {
                        report.add(round, Workload.FRAUD_HOP.name(), STOCK_P2, p2.rate(), p2.cpu());
                    }
                    System.out.println(line);
                }
                for (Side side : settings.freshness() ? List.of(sluice, stock) : List.<Side>of()) {
                    List<Integer> intervals = side == sluice ? settings.curve() : List.of(1000);
                    for (int interval : intervals) {
                        Freshness.Result fresh =
                                Freshness.measure(
                                        side,
                                        bootstrap,
                                        id + "-" + interval,
                                        interval,
                                        settings.freshnessSeconds());
                        Map<String, String> set =
                                Map.of("execution.checkpointing.interval", interval + "ms");
                        double eo = runner.bounded(side, Workload.FRAUD_HOP, "eo", set).rate();
                        double alo = runner.bounded(side, Workload.FRAUD_HOP, "alo", set).rate();
                        report.addFreshness(side.name, interval, fresh, eo, alo);
                        System.out.printf(
                                "%s checkpoint %d ms: freshness p50 %d ms, p99 %d ms, max %d ms"
                                        + " (%d records); fraud HOP EO %,.0f ev/s, ALO %,.0f"
                                        + " ev/s%n",
                                side.name,
                                interval,
                                fresh.p50(),
                                fresh.p99(),
                                fresh.max(),
                                fresh.samples(),
                                eo,
                                alo);
                    }
                }
                report.resources(SLUICE, sluice.cpuSeconds(), sluice.peakRssMib());
                report.resources(STOCK, stock.cpuSeconds(), stock.peakRssMib());
            }
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** {@code events} transactions of the demo's generator, keyed by account. */
    static void produce(String bootstrap, String topic, int events, int accounts) {
        Topics.ensure(bootstrap, topic, BenchServer.StackDefaults.PARALLELISM);
        TransactionGenerator generator =
                new TransactionGenerator(
                        7,
                        accounts,
                        0.003,
                        LocalDateTime.of(2026, 1, 1, 0, 0),
                        Duration.ofMillis(50));
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                var tx = generator.next();
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                tx.accountId().getBytes(StandardCharsets.UTF_8),
                                TransactionJson.toJson(tx)));
            }
            producer.flush();
        }
    }

    /** Every partition of {@code topic}, for a consumer that assigns them itself. */
    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    /** Reads {@code topic} to its end with a plain consumer; records per second. */
    static double plainConsumerRate(String bootstrap, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            long start = System.nanoTime();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long records = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                records += batch.count();
            }
            return records / ((System.nanoTime() - start) / 1e9);
        }
    }
}
