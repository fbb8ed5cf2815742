package dev.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.testkit.JdbcSql;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every topic is a table of the read-only {@code kafka} catalog, through the stock JDBC driver: a
 * topic created after the gateway started is listed, its columns are inferred from its records, a
 * TUMBLE over its Kafka timestamps commits the reference result, raw bytes are one BYTES column,
 * hidden topics stay hidden, writes are refused, and {@code CREATE TABLE … LIKE} makes a table.
 */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class TopicCatalogITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private final SluiceStack stack;
    private KafkaTestClient kafka;
    private Connection jdbc;
    private String suffix;

    TopicCatalogITCase(SluiceStack stack) {
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
        cancelJobs();
        jdbc.close();
        kafka.close();
    }

    @Test
    void aTopicNobodyDeclaredIsATableWithInferredColumnsAndEventTime() throws Exception {
        String topic = "payments_raw_" + suffix;
        kafka.createTopic(topic, 1);
        Map<String, long[]> expected = produceTransactions(topic);

        assertThat(JdbcSql.rows(jdbc, "SHOW TABLES IN kafka.topics"))
                .as("a topic created after the gateway started")
                .contains(topic);
        assertThat(describe("kafka.topics.`" + topic + "`"))
                .containsExactly(
                        Map.entry("kafka_key", "BYTES"),
                        Map.entry("account", "STRING"),
                        Map.entry("amount", "BIGINT"),
                        Map.entry("price", "DOUBLE"),
                        Map.entry("place", "ROW<`city` STRING, `zip` BIGINT>"),
                        Map.entry("tags", "ARRAY<STRING>"),
                        Map.entry("kafka_partition", "INT"),
                        Map.entry("kafka_offset", "BIGINT"),
                        Map.entry("kafka_timestamp", "TIMESTAMP_LTZ(3) *ROWTIME*"));

        String sink = "per_minute_" + suffix;
        JdbcSql.execute(
                jdbc,
                ("CREATE TABLE %s (account STRING, window_start TIMESTAMP(3), total BIGINT, n BIGINT)"
                                + " WITH ('connector' = 'kafka', 'topic' = '%s', 'format' = 'json')")
                        .formatted(sink, sink));
        JdbcSql.execute(
                jdbc,
                ("INSERT INTO %s SELECT account, window_start, SUM(amount), COUNT(*)"
                                + " FROM TABLE(TUMBLE(TABLE kafka.topics.`%s`, DESCRIPTOR(kafka_timestamp), INTERVAL '1' MINUTE))"
                                + " GROUP BY account, window_start, window_end")
                        .formatted(sink, topic));
        try (KafkaTestClient.Reader output = kafka.readCommitted(sink)) {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> output.poll().size() >= expected.size());
            Map<String, long[]> actual = new TreeMap<>();
            for (String row : output.poll()) {
                JsonNode node = JSON.readTree(row);
                actual.put(
                        node.path("account").asText()
                                + "@"
                                + node.path("window_start").asText().substring(0, 16),
                        new long[] {node.path("total").asLong(), node.path("n").asLong()});
            }
            assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        }
    }

    @Test
    void anAdHocSelectReadsTheTopicAndLeavesNoConsumerGroupBehind() throws Exception {
        String topic = "browse_" + suffix;
        kafka.createTopic(topic, 1);
        produceTransactions(topic);
        Set<String> groupsBefore = consumerGroups();

        List<String> accounts =
                firstRows(
                        "SELECT account FROM kafka.topics.`%s` WHERE amount > 0".formatted(topic),
                        3);

        assertThat(accounts).hasSize(3).allMatch(a -> a.startsWith("acct-"));
        assertThat(consumerGroups()).isEqualTo(groupsBefore);
        assertThat(kafka.topics()).as("browsing creates no topic").doesNotContain(topic + ".dlq");
    }

    @Test
    void bytesAreOneColumnHiddenTopicsStayHiddenAndWritesAreRefused() throws Exception {
        String bytes = "sensor_bytes_" + suffix;
        String hidden = "_hidden_" + suffix;
        kafka.createTopic(bytes, 1);
        kafka.createTopic(hidden, 1);
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(bytes, new byte[] {0, (byte) i, (byte) 0xff}))
                        .get();
            }
        }

        assertThat(describe("kafka.topics.`" + bytes + "`"))
                .containsEntry("value", "BYTES")
                .doesNotContainKey("account");
        List<String> tables = JdbcSql.rows(jdbc, "SHOW TABLES IN kafka.topics");
        assertThat(tables).contains(bytes).doesNotContain(hidden, "__consumer_offsets");

        Throwable write =
                catchThrowable(
                        () ->
                                JdbcSql.execute(
                                        jdbc,
                                        "INSERT INTO kafka.topics.`%s` (kafka_key, `value`) VALUES (CAST(NULL AS BYTES), X'00')"
                                                .formatted(bytes)));
        assertThat(JdbcSql.stackTrace(write))
                .contains("[sql-unsupported]")
                .contains("is a topic of the read-only kafka catalog")
                .contains("CREATE TABLE my_table LIKE");
        Throwable drop =
                catchThrowable(
                        () ->
                                JdbcSql.execute(
                                        jdbc, "DROP TABLE kafka.topics.`%s`".formatted(bytes)));
        assertThat(JdbcSql.stackTrace(drop)).contains("the kafka catalog is read-only");
        assertThat(kafka.topics()).contains(bytes);
    }

    @Test
    void createTableLikeATopicMakesAManagedTableWithItsColumns() throws Exception {
        String topic = "orders_" + suffix;
        kafka.createTopic(topic, 1);
        produceTransactions(topic);
        String table = "orders_table_" + suffix;

        JdbcSql.execute(jdbc, "CREATE TABLE %s LIKE kafka.topics.`%s`".formatted(table, topic));

        Map<String, String> columns = describe(table);
        assertThat(columns)
                .containsEntry("account", "STRING")
                .containsEntry("amount", "BIGINT")
                .containsEntry("kafka_timestamp", "TIMESTAMP_LTZ(3) *ROWTIME*");
        assertThat(firstRows("SELECT account FROM %s WHERE amount > 0".formatted(table), 2))
                .hasSize(2);
    }

    /**
     * 60 transactions of three accounts over five minutes, each with its Kafka timestamp, then one
     * record ten minutes later that moves the watermark past every window of theirs. Returns the
     * per-account, per-minute {total, count} a one-minute TUMBLE must commit.
     */
    private Map<String, long[]> produceTransactions(String topic) throws Exception {
        Map<String, long[]> expected = new TreeMap<>();
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int i = 0; i < 60; i++) {
                String account = "acct-" + (i % 3);
                long amount = 10L + i;
                Instant at = START.plusSeconds(5L * i);
                send(producer, topic, account, amount, at);
                String minute =
                        LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC)
                                .toString()
                                .replace('T', ' ');
                expected.merge(
                        account + "@" + minute,
                        new long[] {amount, 1},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
            send(producer, topic, "closer", 0, START.plus(Duration.ofMinutes(15)));
        }
        return expected;
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            String account,
            long amount,
            Instant at)
            throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("account", account);
        value.put("amount", amount);
        value.put("price", amount / 4.0);
        Map<String, Object> place = new LinkedHashMap<>();
        place.put("city", "Lyon");
        place.put("zip", 69001);
        value.put("place", place);
        value.put("tags", List.of("card"));
        producer.send(
                        new ProducerRecord<>(
                                topic,
                                0,
                                at.toEpochMilli(),
                                account.getBytes(StandardCharsets.UTF_8),
                                JSON.writeValueAsBytes(value)))
                .get();
    }

    /**
     * The first column of a streaming query's first {@code n} rows; closing the statement ends the
     * query (a streaming result never ends by itself).
     */
    private List<String> firstRows(String sql, int n) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement statement = jdbc.createStatement()) {
            statement.execute(sql);
            try (ResultSet result = statement.getResultSet()) {
                while (rows.size() < n && result.next()) {
                    rows.add(result.getString(1));
                }
            }
        }
        return rows;
    }

    /** Column name → type, as DESCRIBE shows them. */
    private Map<String, String> describe(String table) throws Exception {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("DESCRIBE " + table);
            ResultSet rows = statement.getResultSet();
            while (rows.next()) {
                String type = rows.getString(2);
                String extras = rows.getString(5);
                columns.put(
                        rows.getString(1),
                        extras != null && extras.contains("ROWTIME") ? type + " *ROWTIME*" : type);
            }
        }
        return columns;
    }

    private Set<String> consumerGroups() throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                stack.kafkaBootstrap()))) {
            List<String> groups = new ArrayList<>();
            for (GroupListing group : admin.listGroups().all().get()) {
                groups.add(group.groupId());
            }
            return Set.copyOf(groups);
        }
    }

    private void cancelJobs() {
        dev.sluice.testkit.Jobs.cancelAll(stack);
    }
}
