package dev.sluice.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.policy.sql.SqlProject;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.testkit.Jobs;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import sqlline.SqlLine;

/**
 * The project's own {@code sql/} objects through {@code jdbc:sluice://}: as a tool's tree sees
 * them, as SQLLine (the real client) lists them, and a streaming changelog and typed parameters.
 */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class SqlLineITCase {

    private static final Path SQL = Path.of(System.getProperty("sluice.home", "..")).resolve("sql");

    private final SluiceStack stack;
    private String url;
    private String suffix;
    private String database;
    private Connection connection;

    SqlLineITCase(SluiceStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void createTheProjectsObjects() throws Exception {
        // The project's objects in a database of this test's own, over topics of its own: other
        // tests of this JVM own the names in default_database and the topics they read.
        suffix = UUID.randomUUID().toString().substring(0, 8);
        database = "project_" + suffix;
        url =
                "jdbc:sluice://%s:%d?schema=%s"
                        .formatted(stack.gatewayHost(), stack.gatewayPort(), database);
        try (Connection setup =
                        DriverManager.getConnection(
                                "jdbc:sluice://%s:%d"
                                        .formatted(stack.gatewayHost(), stack.gatewayPort()));
                Statement statement = setup.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
            statement.execute("USE " + database);
            for (SqlStatement object :
                    SqlProject.load(SQL, List.of("tables", "functions", "views"))) {
                statement.execute(
                        object.text()
                                .replaceAll(
                                        "'topic' = '([^']+)'", "'topic' = '$1-" + suffix + "'"));
            }
        }
        connection = DriverManager.getConnection(url);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        Jobs.cancelAll(stack);
    }

    @Test
    void aToolSeesTheProjectsTablesViewsColumnsAndFunctions() throws Exception {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> objects = new ArrayList<>();
        try (ResultSet rs = meta.getTables("default_catalog", database, "%", null)) {
            while (rs.next()) {
                objects.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
            }
        }
        assertThat(objects)
                .contains(
                        "transactions:TABLE",
                        "fraud_alerts:TABLE",
                        "scored_transactions:TABLE",
                        "high_risk_alerts:TABLE",
                        "scored:VIEW");
        Map<String, String> columns = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns("default_catalog", database, "transactions", null)) {
            while (rs.next()) {
                columns.put(
                        rs.getString("COLUMN_NAME"),
                        rs.getString("TYPE_NAME")
                                + "/"
                                + rs.getInt("DATA_TYPE")
                                + "/"
                                + rs.getInt("COLUMN_SIZE"));
            }
        }
        assertThat(columns)
                .containsExactly(
                        Map.entry(
                                "account_id", "STRING/" + Types.VARCHAR + "/" + Integer.MAX_VALUE),
                        Map.entry("merchant", "STRING/" + Types.VARCHAR + "/" + Integer.MAX_VALUE),
                        Map.entry("amount", "DECIMAL(12, 2)/" + Types.DECIMAL + "/12"),
                        Map.entry("country", "STRING/" + Types.VARCHAR + "/" + Integer.MAX_VALUE),
                        Map.entry(
                                "event_time", "TIMESTAMP(3) *ROWTIME*/" + Types.TIMESTAMP + "/23"));
        List<String> functions = new ArrayList<>();
        try (ResultSet rs = meta.getFunctions("default_catalog", database, "fraud%")) {
            while (rs.next()) {
                functions.add(rs.getString("FUNCTION_NAME"));
            }
        }
        assertThat(functions).contains("fraud_score", "fraud_reasons");
    }

    @Test
    void sqllineListsTablesAndColumnsAndPrintsRows(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("session.sql");
        Files.writeString(
                script,
                "!tables\n!columns transactions\nSELECT * FROM (VALUES (1, 'one'), (2, 'two')) AS t(n, word);\n");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        SqlLine sqlline = new SqlLine();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        sqlline.setOutputStream(out);
        sqlline.setErrorStream(out);
        SqlLine.Status status =
                sqlline.begin(
                        new String[] {
                            "-u",
                            url,
                            "-n",
                            "analyst",
                            "-p",
                            "",
                            "-d",
                            "dev.sluice.jdbc.SluiceDriver",
                            "--run=" + script,
                            "--maxWidth=300",
                            "--silent=false"
                        },
                        null,
                        false);
        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isEqualTo(SqlLine.Status.OK);
        assertThat(printed)
                .contains("transactions", "fraud_alerts", "scored", "VIEW")
                .contains("amount", "DECIMAL(12, 2)", "event_time")
                .containsPattern("\\|\\s*1\\s*\\|\\s*one\\s*\\|")
                .containsPattern("\\|\\s*2\\s*\\|\\s*two\\s*\\|");
    }

    @Test
    void parametersOfEveryCommonTypeRoundTripAndHostileTextStaysData() throws Exception {
        String hostile = "x'); DROP TABLE transactions; -- \"quoted\" ; /* c */ ?";
        try (PreparedStatement statement =
                connection.prepareStatement(
                        "SELECT ? AS s, ? AS i, ? AS l, ? AS d, ? AS b, ? AS amt, ? AS ts, ? AS dt, ? AS nothing")) {
            statement.setString(1, hostile);
            statement.setInt(2, -7);
            statement.setLong(3, Long.MAX_VALUE);
            statement.setDouble(4, 0.1);
            statement.setBoolean(5, true);
            statement.setBigDecimal(6, new BigDecimal("12345.678"));
            statement.setTimestamp(7, Timestamp.valueOf("2026-01-05 09:00:00.125"));
            statement.setDate(8, Date.valueOf("2026-01-05"));
            statement.setNull(9, Types.INTEGER);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("s")).isEqualTo(hostile);
                assertThat(rs.getInt("i")).isEqualTo(-7);
                assertThat(rs.getLong("l")).isEqualTo(Long.MAX_VALUE);
                assertThat(rs.getDouble("d")).isEqualTo(0.1);
                assertThat(rs.getBoolean("b")).isTrue();
                assertThat(rs.getBigDecimal("amt")).isEqualByComparingTo("12345.678");
                assertThat(rs.getTimestamp("ts"))
                        .isEqualTo(Timestamp.valueOf("2026-01-05 09:00:00.125"));
                assertThat(rs.getDate("dt")).isEqualTo(Date.valueOf("2026-01-05"));
                assertThat(rs.getObject("nothing")).isNull();
                assertThat(rs.getMetaData().getColumnType(9)).isEqualTo(Types.INTEGER);
            }
        }
        assertThat(
                        connection
                                .getMetaData()
                                .getTables("default_catalog", database, "transactions", null)
                                .next())
                .as("transactions is still there")
                .isTrue();
    }

    /**
     * A non-windowed aggregate with state TTL over a topic while it is produced to: per key, the op
     * column shows {@code +I} for the first count, then {@code -U}/{@code +U} for every update, in
     * order, as a reference computed here says.
     */
    @Test
    void aStreamingAggregateShowsItsChangelogInOrder() throws Exception {
        String topic = "clicks-" + suffix;
        List<String> users = List.of("u1", "u2", "u1", "u3", "u1", "u2");
        Map<String, List<String>> expected = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (String user : users) {
            int before = counts.getOrDefault(user, 0);
            List<String> ops = expected.computeIfAbsent(user, u -> new ArrayList<>());
            if (before > 0) {
                ops.add("-U " + before);
                ops.add("+U " + (before + 1));
            } else {
                ops.add("+I 1");
            }
            counts.put(user, before + 1);
        }
        int rows = expected.values().stream().mapToInt(List::size).sum();
        try (KafkaTestClient kafka = new KafkaTestClient(stack.kafkaBootstrap());
                Connection changelog = DriverManager.getConnection(url + "&changelog=true");
                Statement statement = changelog.createStatement()) {
            kafka.createTopic(topic, 1);
            statement.execute(
                    "CREATE TABLE clicks_%s (user_id STRING) WITH ('connector' = 'kafka', 'topic' = '%s', 'format' = 'json')"
                            .formatted(suffix, topic));
            statement.execute("SET 'table.exec.state.ttl' = '1 h'");
            statement.setMaxRows(rows);
            Map<String, List<String>> seen = new HashMap<>();
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer();
                    ResultSet rs =
                            statement.executeQuery(
                                    "SELECT user_id, COUNT(*) AS n FROM clicks_%s GROUP BY user_id"
                                            .formatted(suffix))) {
                for (String user : users) {
                    producer.send(
                                    new ProducerRecord<>(
                                            topic,
                                            ("{\"user_id\":\"" + user + "\"}")
                                                    .getBytes(StandardCharsets.UTF_8)))
                            .get();
                }
                while (rs.next()) {
                    seen.computeIfAbsent(rs.getString("user_id"), u -> new ArrayList<>())
                            .add(rs.getString("op") + " " + rs.getLong("n"));
                }
            }
            assertThat(seen).isEqualTo(expected);
        }
    }
}
