package dev.sluice.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.jdbc.SluiceError;
import dev.sluice.jdbc.SluiceResultSet;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.server.GatewayCluster;
import dev.sluice.server.GatewayOptions;
import dev.sluice.server.PersistentCatalog;
import dev.sluice.server.SluiceGateway;
import dev.sluice.server.deploy.FlinkJobs;
import dev.sluice.testkit.Jobs;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jdbc:sluice://} against a real gateway, driven the way database tools drive a driver: the
 * metadata calls of a tree view, queries with typed values and row kinds, prepared statements,
 * errors with positions, cancellation.
 */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class SluiceDriverITCase {

    private final SluiceStack stack;
    private Connection connection;
    private String suffix;

    SluiceDriverITCase(SluiceStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void connect() throws SQLException {
        connection =
                DriverManager.getConnection(
                        "jdbc:sluice://%s:%d".formatted(stack.gatewayHost(), stack.gatewayPort()));
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        Jobs.cancelAll(stack);
    }

    @Test
    void aToolsTreeShowsCatalogsDatabasesTablesViewsColumnsKeysAndFunctions() throws SQLException {
        String table = "accounts_" + suffix;
        String view = "big_accounts_" + suffix;
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    ("CREATE TABLE %s (account_id STRING NOT NULL COMMENT 'who pays', balance DECIMAL(12, 2),"
                                    + " opened TIMESTAMP(3), PRIMARY KEY (account_id) NOT ENFORCED)"
                                    + " WITH ('connector' = 'upsert-kafka', 'topic' = '%s', 'key.format' = 'json',"
                                    + " 'value.format' = 'json')")
                            .formatted(table, table));
            statement.execute(
                    "CREATE VIEW %s AS SELECT account_id FROM %s WHERE balance > 1000"
                            .formatted(view, table));
        }
        DatabaseMetaData meta = connection.getMetaData();
        assertThat(meta.getDatabaseProductName()).isEqualTo("Sluice");
        assertThat(meta.getDatabaseProductVersion()).contains("2.3");
        assertThat(meta.getIdentifierQuoteString()).isEqualTo("`");
        assertThat(column(meta.getCatalogs(), "TABLE_CAT")).contains("default_catalog", "kafka");
        assertThat(column(meta.getSchemas("default_catalog", null), "TABLE_SCHEM"))
                .contains("default_database");
        assertThat(column(meta.getTableTypes(), "TABLE_TYPE")).containsExactly("TABLE", "VIEW");

        List<String> tables = new ArrayList<>();
        try (ResultSet rs =
                meta.getTables("default_catalog", "default\\_database", "%" + suffix, null)) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
            }
        }
        assertThat(tables).containsExactly(table + ":TABLE", view + ":VIEW");
        assertThat(
                        column(
                                meta.getTables(
                                        "default_catalog", null, table, new String[] {"VIEW"}),
                                "TABLE_NAME"))
                .isEmpty();

        List<String> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns("default_catalog", "default_database", table, "%")) {
            while (rs.next()) {
                columns.add(
                        "%s %d %s %d %s %s %s"
                                .formatted(
                                        rs.getString("COLUMN_NAME"),
                                        rs.getInt("DATA_TYPE"),
                                        rs.getString("TYPE_NAME"),
                                        rs.getInt("COLUMN_SIZE"),
                                        rs.getString("DECIMAL_DIGITS"),
                                        rs.getString("IS_NULLABLE"),
                                        rs.getString("REMARKS")));
            }
        }
        assertThat(columns)
                .containsExactly(
                        "account_id %d STRING %d null NO who pays"
                                .formatted(Types.VARCHAR, Integer.MAX_VALUE),
                        "balance %d DECIMAL(12, 2) 12 2 YES ".formatted(Types.DECIMAL),
                        "opened %d TIMESTAMP(3) 23 3 YES ".formatted(Types.TIMESTAMP));
        assertThat(
                        column(
                                meta.getPrimaryKeys("default_catalog", "default_database", table),
                                "COLUMN_NAME"))
                .containsExactly("account_id");
        assertThat(column(meta.getColumns(null, null, view, null), "COLUMN_NAME"))
                .containsExactly("account_id");
        assertThat(column(meta.getFunctions(null, null, "UPPER"), "FUNCTION_NAME"))
                .containsExactly("upper");
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE FUNCTION z_score_%s AS 'dev.sluice.udfs.ZScore' LANGUAGE JAVA"
                            .formatted(suffix));
        }
        List<String> functions = new ArrayList<>();
        try (ResultSet rs =
                meta.getFunctions("default_catalog", "default_database", "z\\_score\\_" + suffix)) {
            while (rs.next()) {
                functions.add(
                        rs.getString("FUNCTION_CAT")
                                + "."
                                + rs.getString("FUNCTION_SCHEM")
                                + "."
                                + rs.getString("FUNCTION_NAME"));
            }
        }
        assertThat(functions).containsExactly("default_catalog.default_database.z_score_" + suffix);
        assertThat(column(meta.getTypeInfo(), "TYPE_NAME"))
                .contains("DECIMAL", "TIMESTAMP", "STRING");
    }

    @Test
    void queriesGiveTypedValuesAndChangelogRowKinds() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT * FROM (VALUES (1, 'a', CAST(100.00 AS DECIMAL(10, 2)), TIMESTAMP '2026-01-05 09:00:00.250'),"
                                        + " (2, 'b', CAST(NULL AS DECIMAL(10, 2)), TIMESTAMP '2026-01-05 09:10:00'))"
                                        + " AS t(id, name, amount, ts)")) {
            ResultSetMetaData meta = rs.getMetaData();
            assertThat(meta.getColumnCount()).isEqualTo(4);
            assertThat(meta.getColumnType(3)).isEqualTo(Types.DECIMAL);
            assertThat(meta.getScale(3)).isEqualTo(2);
            Map<Integer, String> rows = new java.util.TreeMap<>();
            while (rs.next()) {
                BigDecimal amount = rs.getBigDecimal("amount");
                boolean wasNull = rs.wasNull();
                rows.put(
                        rs.getInt("id"),
                        (amount == null ? "null/" + wasNull : amount.toString())
                                + " "
                                + rs.getTimestamp("ts"));
            }
            // The gateway writes 100.00 as 1E+2: the driver gives the column's scale back.
            assertThat(rows)
                    .containsExactly(
                            Map.entry(1, "100.00 2026-01-05 09:00:00.25"),
                            Map.entry(2, "null/true 2026-01-05 09:10:00.0"));
        }

        String counts =
                "SELECT name, COUNT(*) AS n FROM (VALUES ('a'), ('a'), ('b')) AS t(name) GROUP BY name";
        List<String> kinds = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(counts)) {
            while (rs.next()) {
                kinds.add(
                        rs.unwrap(SluiceResultSet.class).rowKind()
                                + " "
                                + rs.getString(1)
                                + " "
                                + rs.getLong(2));
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("+I a 1", "-U a 1", "+U a 2", "+I b 1");
        try (Connection changelog =
                        DriverManager.getConnection(
                                "jdbc:sluice://%s:%d?changelog=true"
                                        .formatted(stack.gatewayHost(), stack.gatewayPort()));
                Statement statement = changelog.createStatement();
                ResultSet rs = statement.executeQuery(counts)) {
            assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("op");
            List<String> ops = new ArrayList<>();
            while (rs.next()) {
                ops.add(rs.getString("op") + " " + rs.getString("name"));
            }
            assertThat(ops).containsExactlyInAnyOrder("+I a", "-U a", "+U a", "+I b");
        }
    }

    @Test
    void preparedStatementParametersAreLiteralsThatCannotBreakOut() throws SQLException {
        String hostile = "it's '; DROP TABLE x; -- ?";
        try (PreparedStatement statement =
                connection.prepareStatement(
                        "SELECT '?' AS marker, ? AS text, ? AS n, ? AS d -- not ?")) {
            statement.setString(1, hostile);
            statement.setLong(2, 42);
            statement.setBigDecimal(3, new BigDecimal("12.50"));
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("marker")).isEqualTo("?");
                assertThat(rs.getString("text")).isEqualTo(hostile);
                assertThat(rs.getLong("n")).isEqualTo(42);
                assertThat(rs.getBigDecimal("d")).isEqualByComparingTo("12.50");
            }
        }
        try (PreparedStatement unset = connection.prepareStatement("SELECT ? AS a")) {
            assertThat(catchThrowable(unset::executeQuery))
                    .hasMessageContaining("parameter 1 is not set");
        }
    }

    @Test
    void errorsAreSqlExceptionsWithThePositionAndSluicesRuleAndFix() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            Throwable syntax =
                    catchThrowable(
                            () ->
                                    statement.executeQuery(
                                            "SELECT 1 FROM\n  no_such_table_" + suffix));
            assertThat(syntax).isInstanceOf(SQLSyntaxErrorException.class);
            assertThat(((SQLException) syntax).getSQLState()).isEqualTo("42000");
            assertThat(syntax).hasMessageContaining("no_such_table_" + suffix);
            assertThat(((SluiceError) syntax).line()).hasValue(2);

            Throwable refused =
                    catchThrowable(
                            () ->
                                    statement.execute(
                                            "CREATE TABLE f_%s (a STRING) WITH ('connector' = 'filesystem', 'path' = '/etc', 'format' = 'csv')"
                                                    .formatted(suffix)));
            assertThat(refused).isInstanceOf(SQLException.class);
            SluiceError error = (SluiceError) refused;
            assertThat(error.rule()).isPresent();
            assertThat(error.fix()).isPresent();
            assertThat(error.line()).hasValue(1);
            assertThat(refused.getMessage())
                    .startsWith("[" + error.rule().get() + "]")
                    .contains("Fix: ");
        }
        Throwable unknown =
                catchThrowable(() -> DriverManager.getConnection("jdbc:sluice://127.0.0.1:1"));
        assertThat(unknown)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("cannot reach the Sluice gateway");
        assertThat(((SQLException) unknown).getSQLState()).isEqualTo("08001");
        Throwable option =
                catchThrowable(
                        () ->
                                DriverManager.getConnection(
                                        "jdbc:sluice://127.0.0.1:1?passwrd=secret"));
        assertThat(option)
                .hasMessageContaining("an unknown option in the URL")
                .hasMessageNotContaining("secret");
    }

    @Test
    void maxRowsEndsAStreamingQueryAndClosingStopsItsJob() throws Exception {
        String topic = "ticks-" + suffix;
        KafkaTestClient kafka = new KafkaTestClient(stack.kafkaBootstrap());
        kafka.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, ("{\"n\":" + i + "}").getBytes())).get();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE ticks_%s (n INT) WITH ('connector' = 'kafka', 'topic' = '%s', 'format' = 'json')"
                            .formatted(suffix, topic));
            statement.setMaxRows(3);
            List<Integer> read = new ArrayList<>();
            String job;
            try (ResultSet rs = statement.executeQuery("SELECT n FROM ticks_" + suffix)) {
                while (rs.next()) {
                    read.add(rs.getInt(1));
                }
                job = rs.unwrap(SluiceResultSet.class).jobId().orElseThrow();
            }
            assertThat(read).containsExactly(0, 1, 2);
            FlinkJobs flink = new FlinkJobs(stack.flinkWebUi());
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    flink.state(job)
                                            .map(JobStatus::isGloballyTerminalState)
                                            .orElse(true));

            // Statement.cancel() stops a streaming query that is still being read.
            statement.setMaxRows(0);
            ResultSet endless = statement.executeQuery("SELECT n FROM ticks_" + suffix);
            assertThat(endless.next()).isTrue();
            String streaming = endless.unwrap(SluiceResultSet.class).jobId().orElseThrow();
            statement.cancel();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    flink.state(streaming)
                                            .map(JobStatus::isGloballyTerminalState)
                                            .orElse(true));
            endless.close();
        } finally {
            kafka.close();
        }
    }

    /**
     * A gateway that needs a token: the driver sends the password (or token) property as the bearer
     * token, refuses with SQLState 28000 without it, and never echoes it.
     */
    @Test
    void thePasswordIsTheGatewaysTokenAndIsNeverShown(@TempDir Path dir) throws Exception {
        String token = "tok-" + UUID.randomUUID();
        URI flink = stack.flinkWebUi();
        try (PersistentCatalog catalog = PersistentCatalog.open(Optional.empty(), dir);
                SluiceGateway guarded =
                        SluiceGateway.start(
                                new GatewayOptions(GatewayOptions.LOOPBACK, 0, Optional.of(token)),
                                new GatewayCluster(
                                        flink.getHost(),
                                        flink.getPort(),
                                        stack.kafkaBootstrap(),
                                        dir.resolve("state").toUri(),
                                        1,
                                        Duration.ofSeconds(1),
                                        Set.of(),
                                        Map.of(),
                                        0),
                                catalog,
                                GuardPolicy.defaults())) {
            String url = "jdbc:sluice://127.0.0.1:%d".formatted(guarded.port());
            for (String wrong : new String[] {null, "not-" + token}) {
                Properties info = new Properties();
                if (wrong != null) {
                    info.setProperty("password", wrong);
                }
                Throwable refused = catchThrowable(() -> DriverManager.getConnection(url, info));
                assertThat(refused).isInstanceOf(SQLInvalidAuthorizationSpecException.class);
                assertThat(((SQLException) refused).getSQLState()).isEqualTo("28000");
                assertThat(refused.getMessage()).doesNotContain(token);
            }
            Properties info = new Properties();
            info.setProperty("user", "analyst");
            info.setProperty("password", token);
            try (Connection authorized = DriverManager.getConnection(url, info)) {
                assertThat(column(authorized.getMetaData().getCatalogs(), "TABLE_CAT"))
                        .contains("default_catalog");
                assertThat(authorized.toString()).doesNotContain(token);
            }
            try (Connection viaUrl = DriverManager.getConnection(url + "?token=" + token)) {
                assertThat(viaUrl.isValid(5)).isTrue();
            }
            try (Connection cancelled = DriverManager.getConnection(url + "?token=" + token);
                    Statement statement = cancelled.createStatement()) {
                // Nothing runs: cancel is a no-op, and the connection stays usable.
                statement.cancel();
                assertThat(statement.executeQuery("SELECT 1").next()).isTrue();
            }
        }
        Path log = Path.of("target", "test.log");
        if (Files.exists(log)) {
            assertThat(Files.readString(log)).as("the test log").doesNotContain(token);
        }
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(name));
            }
        }
        return values;
    }
}
