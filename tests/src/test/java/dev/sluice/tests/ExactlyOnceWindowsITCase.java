package dev.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.cli.generate.Transaction;
import dev.sluice.policy.sql.SqlProject;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.testkit.JdbcSql;
import dev.sluice.testkit.Jobs;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.ScoringReference;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import dev.sluice.testkit.TestTransactions;
import dev.sluice.testkit.WindowAggregate;
import dev.sluice.testkit.WindowReference;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Window pipelines submitted through the stock Flink JDBC driver produce exactly the windows that
 * plain Java arithmetic computes from the same input, as seen by a read_committed consumer.
 */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class ExactlyOnceWindowsITCase {

    private static final int PARTITIONS = 4;
    private static final Path SQL_DIR =
            Path.of(System.getProperty("sluice.home", "..")).resolve("sql");

    private final SluiceStack stack;
    private KafkaTestClient kafka;
    private Connection jdbc;

    ExactlyOnceWindowsITCase(SluiceStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void connect() throws Exception {
        kafka = new KafkaTestClient(stack.kafkaBootstrap());
        jdbc = DriverManager.getConnection(stack.jdbcUrl());
    }

    @AfterEach
    void disconnect() throws Exception {
        Jobs.cancelAll(stack);
        jdbc.close();
        kafka.close();
    }

    /**
     * The sql/ folder exactly as it is kept (tables, functions, the fraud-alert and the scoring
     * pipelines), with nothing set by the client.
     */
    @Test
    void pipelinesFromSqlFolderEmitEachAlertAndScoreExactlyOnce() throws Exception {
        List<Transaction> input = TestTransactions.generate(7, 3_000, 50);
        assertThat(TestTransactions.outOfOrder(input)).isTrue();
        List<WindowAggregate> expected =
                WindowReference.hop(
                        input,
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(10),
                        w -> w.total().compareTo(new BigDecimal("10000")) > 0);
        assertThat(expected).hasSizeGreaterThan(10);
        kafka.createTopic("transactions", PARTITIONS);
        TestTransactions.produce(kafka, "transactions", PARTITIONS, input);

        JdbcSql.executeAll(jdbc, SqlProject.load(SQL_DIR));

        assertOutputEquals("fraud-alerts", expected);
        assertThat(kafka.transactionalIds()).anyMatch(id -> id.startsWith("sluice-fraud-alerts-"));
        List<ScoringReference.Scored> scores = ScoringReference.score(input);
        assertScoresEqual(scores);
        List<ScoringReference.HighRisk> highRisk = ScoringReference.highRisk(input, scores);
        assertThat(highRisk).as("the burst accounts also score high").isNotEmpty();
        try (KafkaTestClient.Reader reader = kafka.readCommitted("high-risk-alerts")) {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> reader.poll().size() >= highRisk.size());
            int seen = reader.poll().size();
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> reader.poll().size() == seen);
            ScoringReference.assertSameHighRisk(
                    reader.poll().stream().map(ScoringReference.HighRisk::fromJson).toList(),
                    highRisk);
        }
    }

    /** The scoring pipeline from sql/ ran on the same input: its output against plain Java. */
    private void assertScoresEqual(List<ScoringReference.Scored> expected) {
        assertThat(expected)
                .as("the input has fraud bursts that score high, with reasons")
                .anyMatch(s -> s.score() > 0.5 && s.reasons().size() >= 2);
        try (KafkaTestClient.Reader reader = kafka.readCommitted("scored-transactions")) {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> reader.poll().size() >= expected.size());
            int seen = reader.poll().size();
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> reader.poll().size() == seen);
            List<ScoringReference.Scored> actual =
                    reader.poll().stream().map(ScoringReference.Scored::fromJson).toList();
            ScoringReference.assertSameScores(actual, expected);
        }
    }

    @Test
    void tumbleWindowsMatchTheReference() throws Exception {
        List<Transaction> input = TestTransactions.generate(11, 3_000, 20);
        runWindowQuery("tumble.sql", input, WindowReference.tumble(input, Duration.ofMinutes(5)));
    }

    @Test
    void sessionWindowsPerAccountMatchTheReference() throws Exception {
        List<Transaction> input = TestTransactions.generate(13, 3_000, 300);
        List<WindowAggregate> expected = WindowReference.session(input, Duration.ofMinutes(2));
        assertThat(expected.stream().map(WindowAggregate::accountId).distinct().count())
                .isLessThan(expected.size());
        runWindowQuery("session.sql", input, expected);
    }

    /** The Process Table Function from udfs/, registered by sql/functions. */
    @Test
    void countryHoppingDetectorFlagsAccountsSpanningThreeCountriesWithinHalfAnHour()
            throws Exception {
        LocalDateTime t0 = TestTransactions.START;
        List<Transaction> input =
                List.of(
                        tx("acc-hop", "NL", t0),
                        tx("acc-calm", "NL", t0.plusMinutes(1)),
                        tx("acc-hop", "DE", t0.plusMinutes(5)),
                        tx("acc-calm", "NL", t0.plusMinutes(6)),
                        tx("acc-hop", "BR", t0.plusMinutes(10)),
                        tx("acc-calm", "DE", t0.plusMinutes(8)),
                        tx("acc-hop", "FR", t0.plusMinutes(12)),
                        tx("acc-calm", "BR", t0.plusMinutes(45)),
                        tx("acc-hop", "NL", t0.plusMinutes(50)));
        String source = KafkaTestClient.uniqueTopic("tx");
        String sink = KafkaTestClient.uniqueTopic("hopping");
        kafka.createTopic(source, PARTITIONS);
        TestTransactions.produce(kafka, source, PARTITIONS, input);
        JdbcSql.executeAll(jdbc, SqlProject.load(SQL_DIR, List.of("functions")));
        Map<String, String> topics = Map.of("source_topic", source, "sink_topic", sink);

        for (String script : List.of("source.sql", "country_hopping.sql")) {
            JdbcSql.executeAll(jdbc, JdbcSql.resource("/sql/windows/" + script, topics));
        }

        try (KafkaTestClient.Reader reader = kafka.readCommitted(sink)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> reader.poll().size() >= 2);
            int seen = reader.poll().size();
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> reader.poll().size() == seen);
            assertThat(reader.poll())
                    .containsExactlyInAnyOrder(
                            "{\"account_id\":\"acc-hop\",\"countries\":3,\"country_list\":\"BR,DE,NL\","
                                    + "\"seen_at\":\"2026-01-05 09:10:00\"}",
                            "{\"account_id\":\"acc-hop\",\"countries\":4,\"country_list\":\"BR,DE,FR,NL\","
                                    + "\"seen_at\":\"2026-01-05 09:12:00\"}");
        }
    }

    private static Transaction tx(String account, String country, LocalDateTime at) {
        return new Transaction(account, "shop", new BigDecimal("10.00"), country, at);
    }

    @Test
    void insertWithoutCheckpointingOrDeliveryOptionsStillCommitsExactlyOnce() throws Exception {
        String topic = KafkaTestClient.uniqueTopic("plain-insert");
        JdbcSql.execute(
                jdbc,
                "CREATE TABLE plain_sink (id INT, label STRING) WITH ('connector' = 'kafka', "
                        + "'topic' = '"
                        + topic
                        + "', 'format' = 'json')");

        JdbcSql.execute(jdbc, "INSERT INTO plain_sink VALUES (1, 'one'), (2, 'two'), (3, 'three')");

        try (KafkaTestClient.Reader reader = kafka.readCommitted(topic)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> reader.poll().size() >= 3);
            assertThat(reader.poll())
                    .containsExactlyInAnyOrder(
                            "{\"id\":1,\"label\":\"one\"}",
                            "{\"id\":2,\"label\":\"two\"}",
                            "{\"id\":3,\"label\":\"three\"}");
        }
        assertThat(kafka.transactionalIds()).anyMatch(id -> id.startsWith("sluice-plain-sink-"));
    }

    @Test
    void rejectsAJobWhenTheSessionWeakensCheckpointing() throws Exception {
        String topic = KafkaTestClient.uniqueTopic("no-checkpoints");
        JdbcSql.execute(
                jdbc,
                "CREATE TABLE quiet_sink (id INT) WITH ('connector' = 'kafka', 'topic' = '"
                        + topic
                        + "', 'format' = 'json')");
        assertThatThrownBy(
                        () ->
                                JdbcSql.execute(
                                        jdbc,
                                        "SET 'execution.checkpointing.mode' = 'AT_LEAST_ONCE'"))
                .hasStackTraceContaining(
                        "line 1, column 1: [exactly-once] 'execution.checkpointing.mode' = 'AT_LEAST_ONCE' "
                                + "would weaken every pipeline of this session below exactly-once")
                .hasStackTraceContaining(
                        "Fix: leave 'execution.checkpointing.mode' at 'EXACTLY_ONCE'");
        JdbcSql.execute(jdbc, "SET 'execution.checkpointing.interval' = '20 min'");
        assertThatThrownBy(() -> JdbcSql.execute(jdbc, "INSERT INTO quiet_sink VALUES (1)"))
                .hasStackTraceContaining(
                        "is not shorter than the Kafka transaction timeout (10 min)");
        assertThat(stack.flink().runningJobs()).isEmpty();
    }

    @Test
    void rejectsAnAtLeastOnceSinkBeforeAnythingRuns() throws Exception {
        String topic = KafkaTestClient.uniqueTopic("at-least-once");
        JdbcSql.execute(
                jdbc,
                "CREATE TABLE loose_sink (id INT) WITH ('connector' = 'kafka', 'topic' = '"
                        + topic
                        + "', 'format' = 'json', 'sink.delivery-guarantee' = 'at-least-once')");

        assertThatThrownBy(() -> JdbcSql.execute(jdbc, "INSERT INTO loose_sink VALUES (1)"))
                .hasStackTraceContaining(
                        "line 1, column 13: [exactly-once] sink 'loose_sink' has "
                                + "'sink.delivery-guarantee' = 'at-least-once'")
                .hasStackTraceContaining("Fix: remove the option or set it to 'exactly-once'");
        assertThat(stack.flink().runningJobs()).isEmpty();
        assertThat(kafka.topics()).as("created with its table").contains(topic);
        try (KafkaTestClient.Reader reader = kafka.readUncommitted(topic)) {
            assertThat(reader.poll()).as("nothing was written").isEmpty();
        }
    }

    @Test
    void runsASinkTheOperatorExemptedAtItsDeclaredGuarantee() throws Exception {
        String topic = KafkaTestClient.uniqueTopic("exempt");
        JdbcSql.execute(
                jdbc,
                "CREATE TEMPORARY TABLE exempt_sink (id INT) WITH ('connector' = 'kafka', 'topic' = '"
                        + topic
                        + "', 'format' = 'json', 'sink.delivery-guarantee' = 'at-least-once')");

        JdbcSql.execute(jdbc, "INSERT INTO exempt_sink VALUES (7)");

        try (KafkaTestClient.Reader reader = kafka.readCommitted(topic)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> reader.poll().size() >= 1);
            assertThat(reader.poll()).containsExactly("{\"id\":7}");
        }
        assertThat(kafka.transactionalIds()).noneMatch(id -> id.startsWith("sluice-exempt-sink-"));
    }

    private void runWindowQuery(
            String query, List<Transaction> input, List<WindowAggregate> expected)
            throws Exception {
        String source = KafkaTestClient.uniqueTopic("tx");
        String sink = KafkaTestClient.uniqueTopic("agg");
        kafka.createTopic(source, PARTITIONS);
        TestTransactions.produce(kafka, source, PARTITIONS, input);
        Map<String, String> topics = Map.of("source_topic", source, "sink_topic", sink);

        for (String script : List.of("source.sql", "sink.sql", query)) {
            JdbcSql.executeAll(jdbc, JdbcSql.resource("/sql/windows/" + script, topics));
        }

        assertOutputEquals(sink, expected);
    }

    private void assertOutputEquals(String topic, List<WindowAggregate> expected) {
        try (KafkaTestClient.Reader reader = kafka.readCommitted(topic)) {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> reader.poll().size() >= expected.size());
            // Let a few more checkpoints commit: a duplicate would show up now.
            int seen = reader.poll().size();
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> reader.poll().size() == seen);
            List<WindowAggregate> actual =
                    reader.poll().stream().map(WindowAggregate::fromJson).toList();
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
