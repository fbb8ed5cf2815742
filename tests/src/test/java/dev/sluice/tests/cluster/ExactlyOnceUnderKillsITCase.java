package dev.sluice.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.Main;
import dev.sluice.cli.generate.Transaction;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.server.GatewayOptions;
import dev.sluice.server.ServerOptions;
import dev.sluice.server.SluiceServer;
import dev.sluice.server.deploy.FlinkJobs;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.MalformedRecords;
import dev.sluice.testkit.TestTransactions;
import dev.sluice.testkit.WindowAggregate;
import dev.sluice.testkit.WindowReference;
import dev.sluice.tests.cli.SluiceProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once on a real multi-process cluster while processes die: {@code sluice serve} deploys
 * the fraud-alert pipeline from {@code sql/} and a sequence-numbered pass-through ("ledger") to a
 * JobManager and two TaskManagers in JVMs of their own, with the broker in a third JVM. While input
 * flows, a TaskManager is SIGKILLed three times (and restarted), the broker once (and restarted),
 * and the JobManager once: no HA, so its jobs die with it, and {@code sluice deploy} restarts them
 * from their newest retained checkpoint. The committed output must equal the reference exactly, and
 * every malformed record among the transactions is dead-lettered and shown once.
 *
 * <p>CI size: 200,000 events per pipeline; {@code -Dsluice.soak=true} runs 1,000,000.
 */
@Tag("fault-injection")
class ExactlyOnceUnderKillsITCase {

    private static final int EVENTS = Boolean.getBoolean("sluice.soak") ? 1_000_000 : 200_000;
    private static final int PARTITIONS = 4;
    private static final int TASK_MANAGERS = 2;
    private static final int SLOTS = 2;
    private static final Path SQL_DIR =
            Path.of(System.getProperty("sluice.home", "..")).resolve("sql");

    @TempDir Path tmp;

    @Test
    void committedOutputIsExactWhileTaskManagersTheJobManagerAndTheBrokerAreKilled()
            throws Exception {
        List<Transaction> transactions = TestTransactions.generate(11, EVENTS, 500);
        List<String> badKeys;
        List<WindowAggregate> expectedAlerts =
                WindowReference.hop(
                        transactions,
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(10),
                        w -> w.total().compareTo(new BigDecimal("10000")) > 0);

        try (ClusterProcesses cluster = ClusterProcesses.start(clusterDir(), TASK_MANAGERS, SLOTS);
                SluiceServer server = SluiceServer.start(options(cluster));
                KafkaTestClient kafka = new KafkaTestClient(cluster.kafkaBootstrap())) {
            String gateway = "http://%s:%d".formatted(server.gatewayHost(), server.gatewayPort());
            kafka.createTopic("transactions", PARTITIONS);
            kafka.createTopic("ledger-in", PARTITIONS);
            Path project = project();
            Run deployed = sluice("deploy", project.toString(), "--gateway", gateway);
            assertThat(deployed.code).as(deployed.all()).isZero();

            CompletableFuture<List<String>> input =
                    CompletableFuture.supplyAsync(() -> produce(kafka, transactions));
            List<String> recoveries = new ArrayList<>();
            try (KafkaTestClient.Reader committed = kafka.readCommitted("ledger-out")) {
                progress(committed, EVENTS / 10);
                recoveries.add(
                        recover(
                                "TaskManager 0",
                                committed,
                                () -> {
                                    Duration killed = cluster.killTaskManager(0);
                                    cluster.startTaskManager(0);
                                    return killed;
                                }));
                progress(committed, EVENTS * 25 / 100);
                recoveries.add(
                        recover(
                                "TaskManager 1",
                                committed,
                                () -> {
                                    Duration killed = cluster.killTaskManager(1);
                                    cluster.startTaskManager(1);
                                    return killed;
                                }));
                progress(committed, EVENTS * 40 / 100);
                recoveries.add(
                        recover(
                                "broker",
                                committed,
                                () -> {
                                    Duration killed = cluster.killBroker();
                                    cluster.restartBroker();
                                    return killed;
                                }));
                progress(committed, EVENTS * 55 / 100);
                recoveries.add(
                        recover(
                                "JobManager",
                                committed,
                                () -> {
                                    Duration killed = cluster.killJobManager();
                                    cluster.restartJobManager(TASK_MANAGERS * SLOTS);
                                    // No HA: the jobs died with it. Deploy finds them gone and
                                    // restarts each from
                                    // its newest retained checkpoint.
                                    Run restart =
                                            sluice(
                                                    "deploy",
                                                    project.toString(),
                                                    "--gateway",
                                                    gateway);
                                    assertThat(restart.code).as(restart.all()).isZero();
                                    assertThat(restart.out)
                                            .contains("restart", "from its last checkpoint");
                                    return killed;
                                }));
                progress(committed, EVENTS * 70 / 100);
                recoveries.add(
                        recover(
                                "TaskManager 0 again",
                                committed,
                                () -> {
                                    Duration killed = cluster.killTaskManager(0);
                                    cluster.startTaskManager(0);
                                    return killed;
                                }));
                badKeys = input.get(10, TimeUnit.MINUTES);

                await().atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> committed.poll().size() >= EVENTS);
                int seen = committed.poll().size();
                await().during(Duration.ofSeconds(5))
                        .atMost(Duration.ofMinutes(1))
                        .until(() -> committed.poll().size() == seen);
                assertEachSequenceNumberOnce(committed.poll());
            }
            recoveries.forEach(System.out::println);

            try (KafkaTestClient.Reader alerts = kafka.readCommitted("fraud-alerts")) {
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> alerts.poll().size() >= expectedAlerts.size());
                int seen = alerts.poll().size();
                await().during(Duration.ofSeconds(5))
                        .atMost(Duration.ofMinutes(1))
                        .until(() -> alerts.poll().size() == seen);
                assertThat(alerts.poll().stream().map(WindowAggregate::fromJson).toList())
                        .containsExactlyInAnyOrderElementsOf(expectedAlerts);
            }
            assertEachBadRecordIsShownOnce(gateway, badKeys);
            try (KafkaTestClient.Reader uncommitted = kafka.readUncommitted("ledger-out")) {
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> uncommitted.poll().size() > EVENTS);
                System.out.printf(
                        "read_uncommitted sees %,d ledger records, read_committed %,d: aborted transactions were in flight%n",
                        uncommitted.poll().size(), EVENTS);
            }
            // Free the slots for the next part.
            for (String pipeline : List.of("fraud_alerts", "ledger")) {
                Run stopped = sluice("stop", pipeline, "--no-savepoint", "--gateway", gateway);
                assertThat(stopped.code).as(stopped.all()).isZero();
            }
            gatewayKilledWhileDeployingLeavesOneJobPerPipeline(cluster, kafka);
        }
    }

    /**
     * {@code sluice serve} in a JVM of its own, SIGKILLed while a deploy of three pipelines is
     * under way (the first job runs, the rest do not yet): after a restart on the same data dir,
     * deploying again completes, every acknowledged table is still there, and each pipeline runs as
     * exactly one job — the one the registry names. One of them calls Z_SCORE, which the cluster
     * can only load from the udfs jar shipped with the job.
     */
    private void gatewayKilledWhileDeployingLeavesOneJobPerPipeline(
            ClusterProcesses cluster, KafkaTestClient kafka) throws Exception {
        kafka.createTopic("relay-in", 2);
        Path project = tmp.resolve("relay");
        Files.createDirectories(project.resolve("tables"));
        Files.createDirectories(project.resolve("pipelines"));
        StringBuilder tables =
                new StringBuilder(
                        "CREATE TABLE IF NOT EXISTS relay_in (n BIGINT) WITH ('connector' = 'kafka',"
                                + " 'topic' = 'relay-in', 'scan.startup.mode' = 'earliest-offset', 'format' = 'json');\n");
        List<String> pipelines = List.of("relay_a", "relay_b", "relay_c");
        for (String name : pipelines) {
            tables.append(
                    "CREATE TABLE IF NOT EXISTS %s_out (n BIGINT) WITH ('connector' = 'kafka', 'topic' = '%s-out', 'format' = 'json');\n"
                            .formatted(name, name.replace('_', '-')));
            // relay_c calls a Sluice function: the TaskManagers have no Sluice jar, so it can only
            // run if the udfs jar travelled with the job.
            String select =
                    name.equals("relay_c")
                            ? "SELECT CAST(Z_SCORE(CAST(n AS DOUBLE), 0.0, 1.0) AS BIGINT) FROM relay_in"
                            : "SELECT n FROM relay_in";
            Files.writeString(
                    project.resolve("pipelines/" + name + ".sql"),
                    "INSERT INTO %s_out %s;\n".formatted(name, select));
        }
        Files.writeString(project.resolve("tables/relay.sql"), tables.toString());
        Files.createDirectories(project.resolve("functions"));
        Files.writeString(
                project.resolve("functions/z.sql"),
                "CREATE FUNCTION IF NOT EXISTS z_score AS 'dev.sluice.udfs.ZScore' LANGUAGE JAVA;\n");
        String[] serve = {
            "serve",
            "--flink-rest",
            cluster.restHost() + ":" + cluster.restPort(),
            "--kafka-bootstrap",
            cluster.kafkaBootstrap(),
            "--checkpoint-dir",
            cluster.sharedStateDir().toString(),
            "--gateway-port",
            "0",
            "--parallelism",
            "1",
            "--data-dir",
            tmp.resolve("serve").toString()
        };
        FlinkJobs jobs =
                new FlinkJobs(
                        URI.create(
                                "http://%s:%d".formatted(cluster.restHost(), cluster.restPort())));

        try (SluiceProcess first = SluiceProcess.start(tmp, serve)) {
            String gateway = first.awaitReady("JDBC URL").replace("jdbc:flink://", "http://");
            CompletableFuture<Run> deploy =
                    CompletableFuture.supplyAsync(
                            () -> sluice("deploy", project.toString(), "--gateway", gateway));
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !liveJobs(jobs, pipelines).isEmpty());
            first.kill();
            Run interrupted = deploy.get(2, TimeUnit.MINUTES);
            assertThat(interrupted.code).as(interrupted.all()).isEqualTo(1);
        }
        try (SluiceProcess second = SluiceProcess.start(tmp, serve)) {
            String gateway = second.awaitReady("JDBC URL").replace("jdbc:flink://", "http://");
            Run again = sluice("deploy", project.toString(), "--gateway", gateway);
            assertThat(again.code).as(again.all()).isZero();
            assertThat(again.out).doesNotContain("create");
            Map<String, List<String>> live = liveJobs(jobs, pipelines);
            String listed = sluice("jobs", "--gateway", gateway).out;
            for (String name : pipelines) {
                assertThat(live.get(name)).as(name + " runs as exactly one job").hasSize(1);
                assertThat(listed)
                        .containsPattern(name + "\\s+RUNNING\\s+" + live.get(name).get(0));
            }
            System.out.println(
                    "gateway SIGKILLed mid-deploy; after restart: "
                            + again.out.lines().filter(l -> l.contains("relay_")).toList());
            second.terminate();
        }
    }

    /** Jobs that have not reached a terminal state, by name, for the given names. */
    private static Map<String, List<String>> liveJobs(FlinkJobs jobs, List<String> names) {
        Map<String, List<String>> live = new HashMap<>();
        for (FlinkJobs.Job job : jobs.jobs()) {
            boolean terminal = job.state().isGloballyTerminalState();
            if (!terminal && names.contains(job.name())) {
                live.computeIfAbsent(job.name(), n -> new ArrayList<>()).add(job.id());
            }
        }
        return live;
    }

    @FunctionalInterface
    private interface Kill {
        Duration run() throws Exception;
    }

    /** Kills, then measures until committed output grows again: the recovery a reader sees. */
    private static String recover(String what, KafkaTestClient.Reader committed, Kill kill)
            throws Exception {
        int before = committed.poll().size();
        long start = System.nanoTime();
        kill.run();
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> committed.poll().size() > before + 1_000);
        return "recovery after killing %s: %.1f s until committed output grew again"
                .formatted(what, (System.nanoTime() - start) / 1e9);
    }

    private static void progress(KafkaTestClient.Reader committed, int records) {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> committed.poll().size() >= records);
    }

    private static void assertEachSequenceNumberOnce(List<String> records) {
        Pattern seq = Pattern.compile("\"seq\":(\\d+)");
        Map<Long, Integer> counts = new HashMap<>();
        for (String record : records) {
            Matcher m = seq.matcher(record);
            assertThat(m.find()).as(record).isTrue();
            counts.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
        }
        List<Long> duplicates =
                counts.entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .map(Map.Entry::getKey)
                        .sorted()
                        .limit(10)
                        .toList();
        List<Long> missing = new ArrayList<>();
        for (long i = 0; i < EVENTS && missing.size() < 10; i++) {
            if (!counts.containsKey(i)) {
                missing.add(i);
            }
        }
        assertThat(duplicates).as("duplicated sequence numbers").isEmpty();
        assertThat(missing).as("missing sequence numbers").isEmpty();
        assertThat(records).hasSize(EVENTS);
    }

    /**
     * The transactions topic got one malformed record per thousand: however often the dead-letter
     * writers were killed and restarted, {@code sluice dlq show} lists each exactly once, and none
     * is missing. (The topic itself may hold a record twice after a failover: dead letters are
     * written at least once and deduplicated by their source coordinates.)
     */
    private static void assertEachBadRecordIsShownOnce(String gateway, List<String> badKeys)
            throws Exception {
        Run show =
                sluice(
                        "dlq",
                        "show",
                        "transactions",
                        "--format",
                        "json",
                        "--limit",
                        "10000",
                        "--gateway",
                        gateway);
        assertThat(show.code).as(show.all()).isZero();
        List<String> shownKeys = new ArrayList<>();
        Set<String> coordinates = new HashSet<>();
        for (JsonNode letter : new ObjectMapper().readTree(show.out)) {
            shownKeys.add(letter.path("key").asText());
            coordinates.add(
                    letter.path("sourcePartition").asInt()
                            + "@"
                            + letter.path("sourceOffset").asLong());
        }
        assertThat(shownKeys).as("dead letters shown").containsExactlyInAnyOrderElementsOf(badKeys);
        assertThat(coordinates).hasSize(badKeys.size());
        System.out.printf(
                "%d malformed records: each shown once by sluice dlq show%n", badKeys.size());
    }

    /**
     * Both inputs at a steady pace, so that the kills land while data flows: the ledger's sequence
     * numbers and the transactions, interleaved, with one malformed transaction per chunk.
     *
     * @return the keys of the malformed transactions
     */
    private static List<String> produce(KafkaTestClient kafka, List<Transaction> transactions) {
        // About 3,300 events per second per pipeline: a minute of input at CI size, so that every
        // kill lands while records flow and transactions are open.
        int chunk = 1_000;
        List<String> badKeys = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int from = 0; from < EVENTS; from += chunk) {
                long started = System.nanoTime();
                int to = Math.min(EVENTS, from + chunk);
                for (int i = from; i < to; i++) {
                    String json =
                            "{\"seq\":%d,\"account_id\":\"acct-%d\",\"amount\":%d.25}"
                                    .formatted(i, i % 500, i % 1000);
                    producer.send(
                            KafkaTestClient.record(
                                    "ledger-in",
                                    i % PARTITIONS,
                                    "acct-" + (i % 500),
                                    json.getBytes(StandardCharsets.UTF_8)));
                }
                producer.flush();
                TestTransactions.produceSome(
                        producer, "transactions", transactions.subList(from, to));
                String badKey = "bad-" + from;
                producer.send(
                        KafkaTestClient.record(
                                "transactions",
                                badKeys.size() % PARTITIONS,
                                badKey,
                                MalformedRecords.nth(badKeys.size())));
                badKeys.add(badKey);
                long next = started + TimeUnit.MILLISECONDS.toNanos(300);
                await().pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(10))
                        .atMost(Duration.ofSeconds(1))
                        .until(() -> System.nanoTime() >= next);
            }
            TestTransactions.produceWatermarkMarkers(
                    producer, "transactions", PARTITIONS, transactions);
        }
        return badKeys;
    }

    /** Under target/, not a temporary directory: the processes' logs outlive a failed run. */
    private static Path clusterDir() throws Exception {
        return Files.createDirectories(
                Path.of("target", "cluster-" + System.currentTimeMillis()).toAbsolutePath());
    }

    private Path project() throws Exception {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve("tables"));
        Files.createDirectories(project.resolve("pipelines"));
        for (String file :
                List.of(
                        "tables/transactions.sql",
                        "tables/fraud_alerts.sql",
                        "pipelines/fraud_alerts.sql")) {
            Files.copy(SQL_DIR.resolve(file), project.resolve(file));
        }
        Files.writeString(
                project.resolve("tables/ledger.sql"),
                """
                CREATE TABLE IF NOT EXISTS ledger_in (seq BIGINT, account_id STRING, amount DECIMAL(12, 2))
                WITH ('connector' = 'kafka', 'topic' = 'ledger-in', 'scan.startup.mode' = 'earliest-offset', 'format' = 'json');
                CREATE TABLE IF NOT EXISTS ledger_out (seq BIGINT, account_id STRING, amount DECIMAL(12, 2))
                WITH ('connector' = 'kafka', 'topic' = 'ledger-out', 'format' = 'json');
                """);
        Files.writeString(
                project.resolve("pipelines/ledger.sql"),
                "INSERT INTO ledger_out SELECT seq, account_id, amount FROM ledger_in;\n");
        return project;
    }

    private ServerOptions options(ClusterProcesses cluster) throws Exception {
        return new ServerOptions(
                new GatewayOptions(GatewayOptions.LOOPBACK, 0),
                cluster.restHost(),
                cluster.restPort(),
                cluster.kafkaBootstrap(),
                cluster.sharedStateDir(),
                tmp.resolve("gateway"),
                SLOTS,
                Duration.ofSeconds(1),
                Optional.empty(),
                GuardPolicy.defaults(),
                Set.of());
    }

    private static Run sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }
}
