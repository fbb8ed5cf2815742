package dev.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.Main;
import dev.sluice.cli.generate.Transaction;
import dev.sluice.engine.window.HopWindows;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.testkit.JdbcSql;
import dev.sluice.testkit.Jobs;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import dev.sluice.testkit.TestTransactions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sluice's HOP window operator ({@code dev.sluice.engine.window.HopWindowOperator}) emits exactly
 * the rows of Flink's {@code WindowAggOperator}: the same query over the same topic, once with
 * {@code 'sluice.window.hop.per-key-state' = 'false'} (Flink's operator) and once as Sluice runs
 * it, read back with read_committed consumers and compared as multisets; and a deployed pipeline
 * that ran Flink's operator upgrades through its savepoint to Sluice's without a window lost,
 * doubled or changed.
 */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class HopWindowOperatorITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PER_KEY = HopWindows.PER_KEY_STATE.key();

    /**
     * Retractable (COUNT, SUM, AVG) and merge-only (MIN, MAX) aggregates, DECIMAL, DOUBLE, text.
     */
    private static final String AGGREGATES =
            "COUNT(*), SUM(amount), CAST(AVG(amount) AS DECIMAL(20, 6)), MIN(amount), MAX(amount),"
                    + " MAX(CAST(amount AS DOUBLE)), MIN(merchant)";

    private static final String SINK_COLUMNS =
            "account_id STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT,"
                    + " total DECIMAL(38, 2), mean DECIMAL(20, 6), smallest DECIMAL(12, 2),"
                    + " largest DECIMAL(12, 2), largest_double DOUBLE, first_merchant STRING";

    private final SluiceStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private KafkaTestClient kafka;
    private final List<Connection> sessions = new ArrayList<>();
    private String suffix;

    @TempDir Path dir;

    HopWindowOperatorITCase(SluiceStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(stack.kafkaBootstrap());
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void disconnect() throws Exception {
        Jobs.cancelAll(stack);
        for (Connection session : sessions) {
            session.close();
        }
        kafka.close();
    }

    /**
     * Out-of-order input; then, once every window of it has fired, records whose windows have all
     * fired (dropped), records whose slice has windows left (counted in those) and new ones.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TWO_PHASE", "ONE_PHASE"})
    void emitsExactlyTheRowsOfFlinksOperator(String phases) throws Exception {
        String source = KafkaTestClient.uniqueTopic("hop-in");
        // Two partitions, one per source task (a task without one would hold the watermark back);
        // each record comes before its partition's marker, so the watermark it meets is known.
        kafka.createTopic(source, 2);
        List<Transaction> first = TestTransactions.generate(21, 3_000, 40);
        assertThat(TestTransactions.outOfOrder(first)).isTrue();
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            TestTransactions.produceSome(producer, source, first);
            TestTransactions.produceWatermarkMarkers(producer, source, 2, first);
        }

        String flinkSink = "flink_" + suffix;
        String sluiceSink = "sluice_" + suffix;
        String flinkJob = start(source, flinkSink, phases, false);
        String sluiceJob = start(source, sluiceSink, phases, true);
        assertThat(descriptions(flinkJob)).doesNotContain(HopWindows.DESCRIPTION_MARK);
        assertThat(descriptions(sluiceJob)).contains(HopWindows.DESCRIPTION_MARK);

        try (KafkaTestClient.Reader flink = kafka.readCommitted(flinkSink);
                KafkaTestClient.Reader sluice = kafka.readCommitted(sluiceSink)) {
            List<String> fired = awaitSame(flink, sluice, 1);
            assertThat(fired).as("every window of the first input fired").hasSizeGreaterThan(500);

            // The watermark now stands 5 s before the marker, an hour after the last record.
            LocalDateTime watermark = last(first).plusHours(1).minusSeconds(5);
            List<Transaction> second = new ArrayList<>();
            // all of their windows have fired: dropped
            second.addAll(first.subList(0, 40));
            for (int i = 0; i < 80; i++) {
                // 12 min to 20 s behind the watermark, 9 s apart: across the edge where a slice's
                // last window has fired (dropped) or has not (counted in the windows left)
                second.add(tx("late-" + (i % 3), i, watermark.minusSeconds(720 - 9 * i)));
            }
            for (int i = 0; i < 80; i++) {
                // ahead of the watermark, after every late record of their partition: a late
                // record meets the first input's watermark whenever the sources emit theirs
                second.add(tx(first.get(i).accountId(), i, watermark.plusSeconds(20 + i)));
            }
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                TestTransactions.produceSome(producer, source, second);
                TestTransactions.produceWatermarkMarkers(producer, source, 2, second);
            }
            List<String> all = awaitSame(flink, sluice, fired.size() + 1);
            assertThat(all)
                    .as("the late records with windows left are in those windows")
                    .anyMatch(row -> row.contains("\"account_id\":\"late-0\""));
        }
        long dropped =
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> lateDropped(flinkJob), n -> n > 0);
        assertThat(lateDropped(sluiceJob)).as("numLateRecordsDropped").isEqualTo(dropped);
        // SHOW JOBS and STOP JOB find the cluster by the same execution.target as submission
        Connection admin = session();
        assertThat(JdbcSql.rows(admin, "SHOW JOBS")).anyMatch(row -> row.contains(sluiceJob));
        JdbcSql.execute(admin, "STOP JOB '" + sluiceJob + "'");
        await().atMost(Duration.ofMinutes(1))
                .until(() -> !flink("/jobs/" + sluiceJob).path("state").asText().equals("RUNNING"));
    }

    /**
     * The previous Sluice ran Flink's operator: its savepoint holds Flink's state (one entry per
     * key and slice, a timer per window). The upgraded pipeline runs Sluice's operator from it; the
     * windows open across the upgrade come out once and whole.
     */
    @Test
    void aPipelineOnFlinksOperatorUpgradesThroughItsSavepoint() throws Exception {
        String source = "hop_tx_" + suffix;
        String sink = "hop_out_" + suffix;
        String reference = "hop_ref_" + suffix;
        String pipeline = "hop_" + suffix;
        kafka.createTopic(source, 2);
        write(
                "tables/" + source + ".sql",
                sourceTable(source, source, "CREATE TABLE IF NOT EXISTS") + ";\n");
        write("tables/" + sink + ".sql", sinkTable(sink, "CREATE TABLE IF NOT EXISTS") + ";\n");
        String insert = hopInsert(source, sink);
        write("pipelines/" + pipeline + ".sql", "SET '" + PER_KEY + "' = 'false';\n" + insert);
        Run deployed = sluice("deploy", dir.toString());
        assertThat(deployed.code).as(deployed.all()).isZero();
        String before = jobOf(pipeline);
        assertThat(descriptions(before)).doesNotContain(HopWindows.DESCRIPTION_MARK);

        List<Transaction> input = TestTransactions.generate(23, 4_000, 30);
        List<Transaction> firstHalf = input.subList(0, 2_000);
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            TestTransactions.produceSome(producer, source, firstHalf);
        }
        try (KafkaTestClient.Reader out = kafka.readCommitted(sink)) {
            await().atMost(Duration.ofMinutes(2)).until(() -> out.poll().size() > 100);
        }

        write("pipelines/" + pipeline + ".sql", insert);
        Run upgrade = sluice("deploy", dir.toString());
        assertThat(upgrade.code).as(upgrade.all()).isZero();
        assertThat(upgrade.out).contains("[1/1] upgrade pipeline " + pipeline + ": done");
        String after = jobOf(pipeline);
        assertThat(after).isNotEqualTo(before);
        assertThat(descriptions(after)).contains(HopWindows.DESCRIPTION_MARK);

        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            TestTransactions.produceSome(producer, source, input.subList(2_000, input.size()));
            TestTransactions.produceWatermarkMarkers(producer, source, 2, input);
        }
        // Flink's operator over the whole input, in one run, from the earliest offset.
        Connection session = session();
        JdbcSql.execute(session, "SET '" + PER_KEY + "' = 'false'");
        JdbcSql.execute(session, sinkTable(reference, "CREATE TEMPORARY TABLE"));
        JdbcSql.execute(session, hopInsert(source, reference));
        try (KafkaTestClient.Reader flink = kafka.readCommitted(reference);
                KafkaTestClient.Reader upgraded = kafka.readCommitted(sink)) {
            List<String> rows = awaitSame(flink, upgraded, 1);
            assertThat(rows)
                    .as("windows of 4,000 transactions of 30 accounts")
                    .hasSizeGreaterThan(900);
        }
        assertThat(sluice("stop", pipeline, "--no-savepoint").code).isZero();
    }

    /** Starts the HOP query in a session of its own; returns its Flink job id. */
    private String start(String topic, String sink, String phases, boolean sluice)
            throws Exception {
        Connection session = session();
        if (!sluice) {
            JdbcSql.execute(session, "SET '" + PER_KEY + "' = 'false'");
        }
        JdbcSql.execute(session, "SET 'table.optimizer.agg-phase-strategy' = '" + phases + "'");
        JdbcSql.execute(session, sourceTable("tx_" + sink, topic, "CREATE TEMPORARY TABLE"));
        JdbcSql.execute(session, sinkTable(sink, "CREATE TEMPORARY TABLE"));
        JdbcSql.execute(session, hopInsert("tx_" + sink, sink));
        return awaitJob(sink);
    }

    private Connection session() throws Exception {
        Connection session = DriverManager.getConnection(stack.jdbcUrl());
        sessions.add(session);
        return session;
    }

    private static String sourceTable(String name, String topic, String create) {
        return """
                %s %s (
                  account_id STRING,
                  merchant STRING,
                  amount DECIMAL(12, 2),
                  country STRING,
                  event_time TIMESTAMP(3),
                  WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
                ) WITH (
                  'connector' = 'kafka',
                  'topic' = '%s',
                  'scan.startup.mode' = 'earliest-offset',
                  'format' = 'json'
                )"""
                .formatted(create, name, topic);
    }

    private static String sinkTable(String name, String create) {
        return "%s %s (%s) WITH ('connector' = 'kafka', 'topic' = '%s', 'format' = 'json')"
                .formatted(create, name, SINK_COLUMNS, name);
    }

    private static String hopInsert(String source, String sink) {
        return ("INSERT INTO %s\n"
                        + "SELECT account_id, window_start, window_end, %s\n"
                        + "FROM TABLE(HOP(TABLE %s, DESCRIPTOR(event_time),"
                        + " INTERVAL '1' MINUTE, INTERVAL '10' MINUTE))\n"
                        + "GROUP BY account_id, window_start, window_end;\n")
                .formatted(sink, AGGREGATES, source);
    }

    /**
     * Waits until both topics hold at least {@code atLeast} rows and stop growing, then asserts
     * they hold the same rows; returns them.
     */
    private static List<String> awaitSame(
            KafkaTestClient.Reader flink, KafkaTestClient.Reader sluice, int atLeast) {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () ->
                                flink.poll().size() >= atLeast
                                        && sluice.poll().size() == flink.poll().size());
        int seen = flink.poll().size();
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(60))
                .until(() -> flink.poll().size() == seen && sluice.poll().size() == seen);
        List<String> rows = flink.poll();
        assertThat(sluice.poll()).containsExactlyInAnyOrderElementsOf(rows);
        return rows;
    }

    private static LocalDateTime last(List<Transaction> txs) {
        return txs.stream()
                .map(Transaction::eventTime)
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }

    private static Transaction tx(String account, int i, LocalDateTime at) {
        return new Transaction(account, "m" + (i % 7), new BigDecimal(100 + i + ".25"), "NL", at);
    }

    /** The running job whose name ends with the sink table's. */
    private String awaitJob(String sink) {
        return await().atMost(Duration.ofMinutes(1))
                .until(
                        () -> {
                            for (JsonNode job : flink("/jobs/overview").path("jobs")) {
                                if (job.path("name").asText().endsWith("." + sink)
                                        && job.path("state").asText().equals("RUNNING")) {
                                    return job.path("jid").asText();
                                }
                            }
                            return null;
                        },
                        id -> id != null);
    }

    /** Flink's {@code numLateRecordsDropped} of the job's window operator, summed over tasks. */
    private long lateDropped(String job) throws Exception {
        for (JsonNode vertex : flink("/jobs/" + job).path("vertices")) {
            String name = vertex.path("name").asText();
            if (!name.startsWith("GlobalWindowAggregate") && !name.startsWith("WindowAggregate")) {
                continue;
            }
            String base = "/jobs/" + job + "/vertices/" + vertex.path("id").asText();
            for (JsonNode metric : flink(base + "/subtasks/metrics")) {
                String id = metric.path("id").asText();
                if (id.endsWith(".numLateRecordsDropped")) {
                    JsonNode sum = flink(base + "/subtasks/metrics?get=" + id + "&agg=sum");
                    return sum.path(0).path("sum").asLong();
                }
            }
        }
        return -1;
    }

    /** The descriptions of the job's vertices, as Flink's web UI shows them. */
    private String descriptions(String job) throws Exception {
        StringBuilder all = new StringBuilder();
        for (JsonNode node : flink("/jobs/" + job + "/plan").path("plan").path("nodes")) {
            all.append(node.path("description").asText()).append('\n');
        }
        assertThat(all.toString()).as("the plan of job " + job).contains("WindowAggregate");
        return all.toString();
    }

    private JsonNode flink(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + stack.flink().restPort() + path);
        return JSON.readTree(
                http.send(
                                HttpRequest.newBuilder(uri).GET().build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
    }

    private String jobOf(String pipeline) {
        for (String line : sluice("jobs").out.lines().toList()) {
            String[] columns = line.trim().split("\\s+");
            if (columns[0].equals(pipeline)) {
                return columns[2];
            }
        }
        throw new AssertionError("sluice jobs does not list " + pipeline);
    }

    private void write(String path, String text) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Run sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--gateway");
        all.add("http://%s:%d".formatted(stack.gatewayHost(), stack.gatewayPort()));
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }
}
