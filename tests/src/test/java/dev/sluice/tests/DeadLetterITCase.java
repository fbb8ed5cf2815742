package dev.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.catalog.store.DeadLetterReplays;
import dev.sluice.cli.Main;
import dev.sluice.cli.generate.Transaction;
import dev.sluice.cli.generate.TransactionJson;
import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.policy.validate.Validator;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.server.deadletters.DeadLetters;
import dev.sluice.server.deploy.DeployOptions;
import dev.sluice.server.deploy.Deployer;
import dev.sluice.server.deploy.Deployment;
import dev.sluice.server.deploy.FlinkJobs;
import dev.sluice.server.deploy.PipelineStatus;
import dev.sluice.server.deploy.ProjectFile;
import dev.sluice.testkit.JdbcSql;
import dev.sluice.testkit.Jobs;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.MalformedRecords;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import dev.sluice.testkit.TestTransactions;
import dev.sluice.testkit.WindowAggregate;
import dev.sluice.testkit.WindowReference;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad records never stop a pipeline, through the stock JDBC driver: a TUMBLE pipeline over a topic
 * with one malformed record in a hundred, of every kind a producer gets wrong, commits exactly the
 * windows of the valid records and keeps running; the dead-letter topic holds exactly the malformed
 * records, bytes untouched, with where they came from and why. {@code skip} drops them without a
 * topic; {@code fail} is plain Flink's behaviour.
 */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class DeadLetterITCase {

    private static final int PARTITIONS = 2;

    private final SluiceStack stack;
    private KafkaTestClient kafka;
    private Connection jdbc;
    private String suffix;

    DeadLetterITCase(SluiceStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void connect() throws Exception {
        kafka = new KafkaTestClient(stack.kafkaBootstrap());
        jdbc = DriverManager.getConnection(stack.jdbcUrl());
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() throws Exception {
        Jobs.cancelAll(stack);
        jdbc.close();
        kafka.close();
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndTheWindowsOfTheRestAreExact() throws Exception {
        String source = "payments_" + suffix;
        List<Transaction> input = TestTransactions.generate(41, 2_000, 20);
        List<byte[]> bad = startPipeline(source, "", input);

        assertOutputIsTheReference(input);
        List<ConsumerRecord<byte[], byte[]>> letters = readAll(source + ".dlq", bad.size());
        assertThat(letters.stream().map(ConsumerRecord::value).map(Arrays::toString).toList())
                .containsExactlyInAnyOrderElementsOf(bad.stream().map(Arrays::toString).toList());
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            Map<String, String> headers = headers(letter);
            assertThat(headers)
                    .containsEntry("sluice.source.topic", source)
                    .containsKeys(
                            "sluice.source.partition",
                            "sluice.source.offset",
                            "sluice.source.timestamp",
                            "sluice.error.class",
                            "sluice.error.message")
                    .containsEntry("sluice.table", "default_catalog.default_database." + source);
            assertThat(new String(letter.key(), StandardCharsets.UTF_8)).startsWith("bad-");
            assertThat(headers.get("sluice.error.message")).isNotBlank();
        }
        FlinkJobs flink = new FlinkJobs(stack.flinkWebUi());
        String job = onlyJob(flink);
        assertThat(flink.state(job)).contains(JobStatus.RUNNING);
        assertThat(flink.failure(job)).as("no failover caused by a bad record").isEmpty();
        // Flink's default window aggregation pre-aggregates: sluice jobs marks LATE a lower bound.
        assertThat(FlinkJobs.preAggregatesWindows(flink.job(job).orElseThrow())).isTrue();

        // sluice dlq: each source record once, with its coordinates and a readable rendering.
        Run show = sluice("dlq", "show", source, "--format", "json", "--limit", "1000");
        assertThat(show.code).as(show.err).isZero();
        JsonNode shown = new ObjectMapper().readTree(show.out);
        assertThat(shown).hasSize(bad.size());
        Set<String> coordinates = new HashSet<>();
        for (JsonNode letter : shown) {
            assertThat(letter.path("sourceTopic").asText()).isEqualTo(source);
            coordinates.add(
                    letter.path("sourcePartition").asInt()
                            + "@"
                            + letter.path("sourceOffset").asLong());
        }
        assertThat(coordinates).hasSize(bad.size());
        assertThat(shown.toString()).contains("not json at all").contains("00 ff fe 01 02");
        Run list = sluice("dlq", "list");
        assertThat(list.code).as(list.err).isZero();
        assertThat(list.out)
                .containsPattern(
                        "default_catalog\\.default_database\\."
                                + source
                                + "\\s+"
                                + source
                                + "\\.dlq\\s+"
                                + bad.size()
                                + "\\s");
        Run unknown = sluice("dlq", "show", "no_such_table_" + suffix);
        assertThat(unknown.code).isEqualTo(1);
        assertThat(unknown.err)
                .contains("no Kafka table 'no_such_table_" + suffix + "' with a dead-letter topic");
    }

    private record Run(int code, String out, String err) {}

    private Run sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--gateway");
        all.add("http://%s:%d".formatted(stack.gatewayHost(), stack.gatewayPort()));
        int code =
                Main.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void skipCountsThemAndKeepsNoTopic() throws Exception {
        String source = "skipping_" + suffix;
        List<Transaction> input = TestTransactions.generate(43, 1_000, 10);
        startPipeline(source, ", 'sluice.on-error' = 'skip'", input);

        assertOutputIsTheReference(input);
        assertThat(kafka.topics()).doesNotContain(source + ".dlq");
    }

    @Test
    void failIsPlainFlinkTheJobFailsOnTheFirstBadRecord() throws Exception {
        String source = "strict_" + suffix;
        startPipeline(
                source, ", 'sluice.on-error' = 'fail'", TestTransactions.generate(47, 300, 5));

        FlinkJobs flink = new FlinkJobs(stack.flinkWebUi());
        String job = onlyJob(flink);
        await().atMost(Duration.ofMinutes(1)).until(() -> flink.failure(job).isPresent());
        assertThat(flink.failure(job).orElseThrow()).isNotBlank();
        assertThat(kafka.topics()).doesNotContain(source + ".dlq");
    }

    /**
     * A deployed pipeline shows, in {@code sluice jobs} and its JSON, how many records its sources
     * could not decode and how many its windows dropped behind the watermark.
     */
    @Test
    void sluiceJobsCountsBadAndLateRecordsOfADeployedPipeline() throws Exception {
        String source = "counted_" + suffix;
        String sink = source + "_per_window";
        String pipeline = "counted_pipeline_" + suffix;
        Path dir = Files.createTempDirectory("sluice-bad-records-");
        write(
                dir.resolve("tables/" + source + ".sql"),
                ("CREATE TABLE %s (account_id STRING, merchant STRING, amount DECIMAL(12, 2),"
                                + " country STRING, event_time TIMESTAMP(3),"
                                + " WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND)"
                                + " WITH ('connector' = 'kafka', 'topic' = '%s', 'format' = 'json',"
                                + " 'scan.startup.mode' = 'earliest-offset', 'sluice.topic.partitions' = '%d');")
                        .formatted(source, source, PARTITIONS));
        write(
                dir.resolve("tables/" + sink + ".sql"),
                ("CREATE TABLE %s (account_id STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),"
                                + " total_amount DECIMAL(38, 2), tx_count BIGINT)"
                                + " WITH ('connector' = 'kafka', 'topic' = '%s', 'format' = 'json');")
                        .formatted(sink, sink));
        write(
                dir.resolve("pipelines/" + pipeline + ".sql"),
                ("-- One phase: the window operator sees (and counts) every late record itself.\n"
                                + "SET 'table.optimizer.agg-phase-strategy' = 'ONE_PHASE';\n"
                                + "INSERT INTO %s SELECT account_id, window_start, window_end, SUM(amount), COUNT(*)"
                                + " FROM TABLE(TUMBLE(TABLE %s, DESCRIPTOR(event_time), INTERVAL '5' MINUTES))"
                                + " GROUP BY account_id, window_start, window_end;")
                        .formatted(sink, source));
        Deployer deployer = stack.deployer();
        Deployment deployment =
                deployer.apply(
                        dir.toString(),
                        ProjectFile.read(dir),
                        new DeployOptions(false, false, "test"));
        await().atMost(Duration.ofMinutes(2))
                .until(() -> deployer.deployment(deployment.id()).orElseThrow().done());
        assertThat(deployer.deployment(deployment.id()).orElseThrow().failed()).isFalse();

        List<Transaction> input = TestTransactions.generate(53, 500, 5);
        int bad = 0;
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int i = 0; i < input.size(); i++) {
                Transaction tx = input.get(i);
                producer.send(
                        new ProducerRecord<>(
                                source,
                                tx.accountId().getBytes(StandardCharsets.UTF_8),
                                TransactionJson.toJson(tx)));
                if (i % 50 == 7) {
                    producer.send(
                            new ProducerRecord<>(
                                    source, utf8("bad-" + i), MalformedRecords.nth(bad)));
                    bad++;
                }
            }
            TestTransactions.produceWatermarkMarkers(producer, source, PARTITIONS, input);
        }
        // Once the windows fired, the watermark is past them: these arrive behind it.
        List<WindowAggregate> windows = WindowReference.tumble(input, Duration.ofMinutes(5));
        try (KafkaTestClient.Reader output = kafka.readCommitted(sink)) {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> output.poll().size() >= windows.size());
        }
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int i = 0; i < 7; i++) {
                producer.send(
                        new ProducerRecord<>(
                                source,
                                i % PARTITIONS,
                                utf8("late"),
                                TransactionJson.toJson(input.get(i))));
            }
            producer.flush();
        }
        int expectedBad = bad;
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(
                        () -> {
                            PipelineStatus status =
                                    deployer.pipelines().stream()
                                            .filter(p -> p.name().equals(pipeline))
                                            .findFirst()
                                            .orElseThrow();
                            assertThat(status.badRecords()).isEqualTo((long) expectedBad);
                            assertThat(status.lateRecords()).isEqualTo(7L);
                            assertThat(status.lateRecordsExact()).isTrue();
                        });
        // Replaying now would be too late for some: the two letters whose only fault is their
        // amount have a readable event_time, long behind the pipeline's watermark.
        Run dry = sluice("dlq", "replay", source, "--dry-run");
        assertThat(dry.code).as(dry.err).isZero();
        assertThat(dry.out)
                .contains("Would replay %d dead letters".formatted(expectedBad))
                .contains(
                        "Warning: %d of the %d dead letters have their event_time at or before the watermark of job '%s'"
                                .formatted(
                                        expectedBad / MalformedRecords.KINDS.size(),
                                        expectedBad,
                                        pipeline))
                .contains("have no event_time Sluice can read");
        deployer.stop(pipeline, false, "test");
    }

    /**
     * The user widens a column that was too narrow for some records; {@code sluice dlq replay}
     * brings those records back once, in one transaction; a second replay is a no-op.
     */
    @Test
    void replayAfterFixingTheTableProcessesEachDeadLetterOnce() throws Exception {
        String source = "widening_" + suffix;
        String before = source + "_before";
        String after = source + "_after";
        String table =
                "CREATE TABLE %s (id STRING, amount %s) WITH ('connector' = 'kafka', 'topic' = '%s',"
                        + " 'format' = 'json', 'sluice.topic.partitions' = '1', %s)";
        JdbcSql.execute(
                jdbc,
                table.formatted(source, "INT", source, "'scan.startup.mode' = 'earliest-offset'"));
        for (String sinkTable : List.of(before, after)) {
            JdbcSql.execute(
                    jdbc,
                    ("CREATE TABLE %s (id STRING, amount DECIMAL(10, 2)) WITH ('connector' = 'kafka',"
                                    + " 'topic' = '%s', 'format' = 'json')")
                            .formatted(sinkTable, sinkTable));
        }
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (String value :
                    List.of(
                            "{\"id\":\"g1\",\"amount\":1}",
                            "{\"id\":\"b1\",\"amount\":\"1.5\"}",
                            "{\"id\":\"g2\",\"amount\":2}",
                            "{\"id\":\"b2\",\"amount\":\"2.25\"}")) {
                producer.send(new ProducerRecord<>(source, utf8("k"), utf8(value)));
            }
        }
        JdbcSql.execute(
                jdbc,
                "INSERT INTO %s SELECT id, CAST(amount AS DECIMAL(10, 2)) FROM %s"
                        .formatted(before, source));
        assertThat(readAll(source + ".dlq", 2)).hasSize(2);
        try (KafkaTestClient.Reader output = kafka.readCommitted(before)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> output.poll().size() >= 2);
            assertThat(output.poll()).hasSize(2).allMatch(row -> row.contains("\"g"));
        }
        Jobs.cancelAll(stack);

        // The fix: the column is wide enough now; the new job reads from now on only.
        long now = System.currentTimeMillis();
        JdbcSql.execute(jdbc, "DROP TABLE " + source);
        JdbcSql.execute(
                jdbc,
                table.formatted(
                        source,
                        "DECIMAL(10, 2)",
                        source,
                        "'scan.startup.mode' = 'timestamp', 'scan.startup.timestamp-millis' = '"
                                + now
                                + "'"));
        JdbcSql.execute(jdbc, "INSERT INTO %s SELECT id, amount FROM %s".formatted(after, source));

        Run dry = sluice("dlq", "replay", source, "--dry-run");
        assertThat(dry.code).as(dry.err).isZero();
        assertThat(dry.out)
                .contains(
                        "Would replay 2 dead letters of default_catalog.default_database."
                                + source);
        Run replay = sluice("dlq", "replay", source);
        assertThat(replay.code).as(replay.err).isZero();
        assertThat(replay.out)
                .contains("Replayed 2 dead letters of default_catalog.default_database." + source)
                .contains("into " + source + ", in one transaction");
        Run again = sluice("dlq", "replay", source);
        assertThat(again.code).isZero();
        assertThat(again.out)
                .contains("Nothing to replay")
                .contains("all 2 dead letters were replayed before");

        try (KafkaTestClient.Reader output = kafka.readCommitted(after)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> output.poll().size() >= 2);
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> output.poll().size() == 2);
            assertThat(output.poll())
                    .containsExactlyInAnyOrder(
                            "{\"id\":\"b1\",\"amount\":1.5}", "{\"id\":\"b2\",\"amount\":2.25}");
        }
        Run missing = sluice("dlq", "replay", source, "--to", "no_such_topic_" + suffix);
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.err).contains("topic 'no_such_topic_" + suffix + "' does not exist");
    }

    /**
     * An {@code upsert-kafka} table decodes a key and a value per record: a key its key format
     * cannot read and a value its value format cannot read are both dead-lettered, bytes untouched,
     * and the changelog of the rest reaches the sink.
     */
    @Test
    void anUpsertTableDeadLettersBadKeysAndBadValues() throws Exception {
        String source = "balances_" + suffix;
        String latest = source + "_latest";
        String table =
                "CREATE TABLE %s (account_id STRING, balance DECIMAL(12, 2),"
                        + " PRIMARY KEY (account_id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka',"
                        + " 'topic' = '%s', 'key.format' = 'json', 'value.format' = 'json'%s)";
        JdbcSql.execute(jdbc, table.formatted(source, source, ", 'sluice.topic.partitions' = '1'"));
        JdbcSql.execute(jdbc, table.formatted(latest, latest, ""));
        byte[] badKey = utf8("{\"account_id\":");
        byte[] badValue = utf8("{\"account_id\":\"a3\",\"balance\":\"lots\"}");
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            producer.send(upsert(source, "a1", "1.00"));
            producer.send(upsert(source, "a2", "2.00"));
            producer.send(
                    new ProducerRecord<>(
                            source, badKey, utf8("{\"account_id\":\"a9\",\"balance\":9}")));
            producer.send(upsert(source, "a1", "3.00"));
            producer.send(new ProducerRecord<>(source, utf8("{\"account_id\":\"a3\"}"), badValue));
            producer.send(upsert(source, "a3", "4.00"));
        }
        JdbcSql.execute(
                jdbc,
                "INSERT INTO %s SELECT account_id, balance FROM %s".formatted(latest, source));

        try (KafkaTestClient.Reader output = kafka.readCommitted(latest)) {
            Map<String, String> balances = new HashMap<>();
            await().atMost(Duration.ofMinutes(1))
                    .untilAsserted(
                            () -> {
                                for (String row : output.poll()) {
                                    JsonNode value = new ObjectMapper().readTree(row);
                                    balances.put(
                                            value.path("account_id").asText(),
                                            value.path("balance")
                                                    .decimalValue()
                                                    .setScale(2)
                                                    .toPlainString());
                                }
                                assertThat(balances)
                                        .containsExactlyInAnyOrderEntriesOf(
                                                Map.of("a1", "3.00", "a2", "2.00", "a3", "4.00"));
                            });
        }
        List<ConsumerRecord<byte[], byte[]>> letters = readAll(source + ".dlq", 2);
        assertThat(letters).hasSize(2);
        Map<String, String> lettered = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            lettered.put(
                    new String(letter.key(), StandardCharsets.UTF_8),
                    new String(letter.value(), StandardCharsets.UTF_8));
            assertThat(headers(letter)).containsEntry("sluice.source.topic", source);
        }
        assertThat(lettered)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                new String(badKey, StandardCharsets.UTF_8),
                                "{\"account_id\":\"a9\",\"balance\":9}",
                                "{\"account_id\":\"a3\"}",
                                new String(badValue, StandardCharsets.UTF_8)));
    }

    /**
     * A gateway that dies after a replay's transaction committed, before the catalog recorded it:
     * the next replay finds the records in Kafka by the replay's id and produces nothing again. One
     * that died before its commit left nothing in Kafka: the next replay produces its letters.
     */
    @Test
    void aReplayCutOffAroundItsCommitIsProducedExactlyOnce() throws Exception {
        String source = "cutoff_" + suffix;
        String qualified = "default_catalog.default_database." + source;
        kafka.createTopic(source, 1);
        kafka.createTopic(source + ".dlq", 1);
        try (Validator catalog = new Validator(GuardPolicy.defaults());
                KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            assertThat(
                            catalog.validate(
                                    new SqlStatement(
                                            "test",
                                            1,
                                            1,
                                            1,
                                            ("CREATE TABLE %s (id STRING) WITH ('connector' = 'kafka',"
                                                            + " 'topic' = '%s', 'format' = 'json')")
                                                    .formatted(source, source))))
                    .noneMatch(Finding::isError);
            for (long offset = 10; offset < 13; offset++) {
                producer.send(deadLetter(source, offset)).get();
            }
            FlinkJobs flink = new FlinkJobs(stack.flinkWebUi());
            DeadLetterReplays replays = catalog.store().deadLetterReplays();
            // Died before its commit: written down, nothing in Kafka.
            replays.begin(
                    qualified,
                    "never-committed",
                    List.of(new DeadLetterReplays.Coordinates(source, 0, 12)),
                    List.of(source),
                    "test",
                    System.currentTimeMillis());
            DeadLetters dying =
                    new DeadLetters(
                            catalog.store(),
                            stack.kafkaBootstrap(),
                            flink,
                            id -> {
                                throw new IllegalStateException("the gateway died");
                            });
            assertThatThrownBy(() -> dying.replay(source, Optional.empty(), false, "test"))
                    .hasMessage("the gateway died");
            assertThat(replays.pending(qualified)).hasSize(1);

            DeadLetters.Replay again =
                    new DeadLetters(catalog.store(), stack.kafkaBootstrap(), flink)
                            .replay(source, Optional.empty(), false, "test")
                            .orElseThrow();
            assertThat(again.replayed()).as("produced again").isZero();
            assertThat(again.replayedBefore()).isEqualTo(3);
            assertThat(replays.pending(qualified)).isEmpty();
        }
        List<ConsumerRecord<byte[], byte[]>> replayed = readAll(source, 3);
        assertThat(replayed.stream().map(r -> headers(r).get("sluice.replay.of")).toList())
                .containsExactlyInAnyOrder(
                        source + ".dlq/0@0", source + ".dlq/0@1", source + ".dlq/0@2");
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(String source, long offset) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(source + ".dlq", 0, utf8("k" + offset), utf8("bad " + offset));
        record.headers()
                .add("sluice.source.topic", utf8(source))
                .add("sluice.source.partition", utf8("0"))
                .add("sluice.source.offset", utf8(Long.toString(offset)))
                .add("sluice.source.timestamp", utf8("0"))
                .add("sluice.error.class", utf8("java.io.IOException"))
                .add("sluice.error.message", utf8("not json"));
        return record;
    }

    private static ProducerRecord<byte[], byte[]> upsert(
            String topic, String account, String balance) {
        return new ProducerRecord<>(
                topic,
                utf8("{\"account_id\":\"%s\"}".formatted(account)),
                utf8("{\"account_id\":\"%s\",\"balance\":%s}".formatted(account, balance)));
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Tables, input with one malformed record after every hundredth, and the TUMBLE pipeline. */
    private List<byte[]> startPipeline(String source, String extraOptions, List<Transaction> input)
            throws Exception {
        String sink = source + "_per_window";
        JdbcSql.execute(
                jdbc,
                ("CREATE TABLE %s (account_id STRING, merchant STRING, amount DECIMAL(12, 2),"
                                + " country STRING, event_time TIMESTAMP(3),"
                                + " WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND)"
                                + " WITH ('connector' = 'kafka', 'topic' = '%s', 'format' = 'json',"
                                + " 'scan.startup.mode' = 'earliest-offset',"
                                + " 'sluice.topic.partitions' = '%d'%s)")
                        .formatted(source, source, PARTITIONS, extraOptions));
        JdbcSql.execute(
                jdbc,
                ("CREATE TABLE %s (account_id STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),"
                                + " total_amount DECIMAL(38, 2), tx_count BIGINT)"
                                + " WITH ('connector' = 'kafka', 'topic' = '%s', 'format' = 'json')")
                        .formatted(sink, sink));
        List<byte[]> bad = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int i = 0; i < input.size(); i++) {
                Transaction tx = input.get(i);
                producer.send(
                        new ProducerRecord<>(
                                source,
                                tx.accountId().getBytes(StandardCharsets.UTF_8),
                                TransactionJson.toJson(tx)));
                if (i % 100 == 50) {
                    byte[] value = MalformedRecords.nth(bad.size());
                    bad.add(value);
                    producer.send(
                            new ProducerRecord<>(
                                    source, bad.size() % PARTITIONS, utf8("bad-" + i), value));
                }
            }
            producer.flush();
            TestTransactions.produceWatermarkMarkers(producer, source, PARTITIONS, input);
        }
        JdbcSql.execute(
                jdbc,
                ("INSERT INTO %s SELECT account_id, window_start, window_end, SUM(amount), COUNT(*)"
                                + " FROM TABLE(TUMBLE(TABLE %s, DESCRIPTOR(event_time), INTERVAL '5' MINUTES))"
                                + " GROUP BY account_id, window_start, window_end")
                        .formatted(sink, source));
        this.sink = sink;
        return bad;
    }

    private String sink;

    private void assertOutputIsTheReference(List<Transaction> input) throws Exception {
        List<WindowAggregate> expected = WindowReference.tumble(input, Duration.ofMinutes(5));
        try (KafkaTestClient.Reader output = kafka.readCommitted(sink)) {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> output.poll().size() >= expected.size());
            assertThat(output.poll().stream().map(WindowAggregate::fromJson).toList())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofMinutes(1))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                                return records.size() >= expected;
                            });
            // Nothing more arrives: each bad record is there once.
            consumer.poll(Duration.ofSeconds(2)).forEach(records::add);
        }
        return records;
    }

    private String onlyJob(FlinkJobs flink) {
        List<FlinkJobs.Job> jobs =
                flink.jobs().stream()
                        .filter(j -> j.name().contains(sink))
                        .filter(j -> !j.state().isGloballyTerminalState())
                        .toList();
        assertThat(jobs).as("the pipeline's job").hasSize(1);
        return jobs.get(0).id();
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(
                    header.key(),
                    Optional.ofNullable(header.value())
                            .map(v -> new String(v, StandardCharsets.UTF_8))
                            .orElse(""));
        }
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
