package dev.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.sluice.runtime.SluiceStack;
import dev.sluice.testkit.JdbcSql;
import dev.sluice.testkit.Jobs;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tables own their topics, through the stock JDBC driver: a table's {@code sluice.*} options size
 * the topic it creates and never reach the connector; the gateway's default is the parallelism; a
 * table asking for more partitions than its existing topic has is refused, and not created.
 */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class TopicsITCase {

    private final SluiceStack stack;
    private KafkaTestClient kafka;
    private Connection jdbc;
    private String suffix;

    TopicsITCase(SluiceStack stack) {
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
    void aTableSizesItsTopicAndItsConnectorNeverSeesTheOption() throws Exception {
        String table = "sized_" + suffix;
        JdbcSql.execute(
                jdbc,
                ("CREATE TABLE %s (id STRING, amount INT) WITH ('connector' = 'kafka', 'topic' = '%s',"
                                + " 'format' = 'json', 'scan.startup.mode' = 'earliest-offset',"
                                + " 'sluice.topic.partitions' = '3', 'sluice.topic.replication-factor' = '1')")
                        .formatted(table, table));

        assertThat(kafka.partitions(table)).isEqualTo(3);
        JdbcSql.execute(jdbc, "INSERT INTO %s VALUES ('a', 1), ('b', 2)".formatted(table));
        try (KafkaTestClient.Reader reader = kafka.readCommitted(table)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> reader.poll().size() == 2);
            assertThat(reader.poll())
                    .containsExactlyInAnyOrder(
                            "{\"id\":\"a\",\"amount\":1}", "{\"id\":\"b\",\"amount\":2}");
        }
        assertThat(showCreate(table))
                .as("the table as Flink runs it: Sluice's options taken out")
                .doesNotContain("sluice.topic")
                .contains("'connector' = 'sluice-kafka'");
    }

    @Test
    void withoutTheOptionATopicHasAsManyPartitionsAsTheDefaultParallelism() throws Exception {
        String table = "plain_" + suffix;
        JdbcSql.execute(
                jdbc,
                "CREATE TABLE %s (id STRING) WITH ('connector' = 'kafka', 'topic' = '%s', 'format' = 'json')"
                        .formatted(table, table));

        assertThat(kafka.partitions(table)).isEqualTo(stack.options().parallelism());
    }

    @Test
    void aTableAskingForMorePartitionsThanItsTopicHasIsRefusedAndNotCreated() throws Exception {
        String table = "narrow_" + suffix;
        kafka.createTopic(table, 1);

        Throwable refusal =
                catchThrowable(
                        () ->
                                JdbcSql.execute(
                                        jdbc,
                                        ("CREATE TABLE %s (id STRING) WITH ('connector' = 'kafka', 'topic' = '%s',"
                                                        + " 'format' = 'json', 'sluice.topic.partitions' = '4')")
                                                .formatted(table, table)));

        assertThat(JdbcSql.stackTrace(refusal))
                .contains(
                        "[kafka-topic] table '%s' asks for 4 partitions ('sluice.topic.partitions'), but its topic '%s' exists with 1"
                                .formatted(table, table))
                .contains("set 'sluice.topic.partitions' = '1' to use the topic as it is");
        assertThat(tables()).doesNotContain(table);
        assertThat(kafka.partitions(table)).as("the topic is not changed").isEqualTo(1);
    }

    @Test
    void anUnusableOptionIsRefusedWithTheFix() throws Exception {
        String table = "bad_" + suffix;

        Throwable refusal =
                catchThrowable(
                        () ->
                                JdbcSql.execute(
                                        jdbc,
                                        ("CREATE TABLE %s (id STRING) WITH ('connector' = 'kafka', 'topic' = '%s',"
                                                        + " 'format' = 'json', 'sluice.topic.partitions' = '0')")
                                                .formatted(table, table)));

        assertThat(JdbcSql.stackTrace(refusal))
                .contains(
                        "[sluice-option] 'sluice.topic.partitions' = '0' is not a number of partitions")
                .contains("Fix: use a whole number from 1 to 10000");
        assertThat(tables()).doesNotContain(table);
        assertThat(kafka.topics()).doesNotContain(table);
    }

    private String showCreate(String table) throws Exception {
        return JdbcSql.rows(jdbc, "SHOW CREATE TABLE " + table).get(0);
    }

    private List<String> tables() throws Exception {
        return JdbcSql.rows(jdbc, "SHOW TABLES");
    }
}
