package dev.sluice.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.policy.sql.SqlProject;
import dev.sluice.testkit.JdbcSql;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.TestTransactions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog behind {@code sluice up} keeps what clients created, across restarts and kills. */
class PersistentCatalogITCase {

    private static final Path SQL_DIR =
            Path.of(System.getProperty("sluice.home", "..")).resolve("sql");

    @TempDir Path workDir;

    @Test
    void tablesAndFunctionsOutliveARestartAndThePipelinesRunAgainstThem() throws Exception {
        Path dataDir = workDir.resolve("data");
        try (SluiceProcess first = start(dataDir);
                Connection jdbc = DriverManager.getConnection(first.awaitReady("JDBC URL"))) {
            JdbcSql.executeAll(
                    jdbc, SqlProject.load(SQL_DIR, List.of("tables", "functions", "views")));
            first.terminate();
        }

        try (SluiceProcess second = start(dataDir);
                Connection jdbc = DriverManager.getConnection(second.awaitReady("JDBC URL"));
                KafkaTestClient kafka = new KafkaTestClient(second.awaitReady("Kafka bootstrap"))) {
            assertThat(JdbcSql.rows(jdbc, "SHOW TABLES")).contains("transactions", "fraud_alerts");
            // The first run's CREATE TABLE created the topic, with --parallelism partitions.
            int partitions = kafka.partitions("transactions");
            TestTransactions.produce(
                    kafka, "transactions", partitions, TestTransactions.generate(7, 3_000, 50));

            // No DDL this time: the pipelines find their tables, functions and views, with this
            // run's Kafka address.
            JdbcSql.executeAll(jdbc, SqlProject.load(SQL_DIR, List.of("pipelines")));

            try (KafkaTestClient.Reader alerts = kafka.readCommitted("fraud-alerts")) {
                await().atMost(Duration.ofMinutes(2)).until(() -> !alerts.poll().isEmpty());
            }
            second.terminate();
        }
    }

    /**
     * It once lost the last acknowledged tables in 3 of 13 runs: H2 wrote new chunks into reused
     * file space and its recovery after the kill missed them. The catalog now opens H2 files
     * append-only ({@code REUSE_SPACE=FALSE}); tagged {@code durability} so that a quick local run
     * can leave this ~2 minute test out ({@code -Dsluice.it.excluded=durability}).
     */
    @Test
    @Tag("durability")
    void everyAcknowledgedCreateTableSurvivesSigkill() throws Exception {
        Path dataDir = workDir.resolve("data");
        Map<String, String> acknowledged = new LinkedHashMap<>();
        try (SluiceProcess first = start(dataDir);
                Connection jdbc = DriverManager.getConnection(first.awaitReady("JDBC URL"))) {
            for (int i = 0; i < 200; i++) {
                String table = "t" + i;
                JdbcSql.execute(jdbc, createTable(table, i));
                acknowledged.put(table, showCreate(jdbc, table));
            }
            first.kill();
        }

        try (SluiceProcess second = start(dataDir);
                Connection jdbc = DriverManager.getConnection(second.awaitReady("JDBC URL"))) {
            for (Map.Entry<String, String> table : acknowledged.entrySet()) {
                assertThat(showCreate(jdbc, table.getKey())).isEqualTo(table.getValue());
            }
            second.terminate();
        }
    }

    /** Tables whose schemas differ in column types, computed columns, watermarks and keys. */
    private static String createTable(String name, int i) {
        String computed = i % 2 == 0 ? ", doubled AS amount * 2" : "";
        String watermark =
                i % 3 == 0 ? ", WATERMARK FOR ts AS ts - INTERVAL '" + i % 60 + "' SECOND" : "";
        String key = i % 5 == 0 ? ", PRIMARY KEY (id) NOT ENFORCED" : "";
        return ("CREATE TABLE %s (id BIGINT NOT NULL COMMENT 'row %d', amount DECIMAL(%d, 2), "
                        + "ts TIMESTAMP(3), tags ARRAY<STRING>%s%s%s) COMMENT 'table %d' "
                        + "WITH ('connector' = 'blackhole', 'custom.row' = '%d')")
                .formatted(name, i, 10 + i % 20, computed, watermark, key, i, i);
    }

    private static String showCreate(Connection jdbc, String table) throws Exception {
        return JdbcSql.rows(jdbc, "SHOW CREATE TABLE " + table).get(0);
    }

    private SluiceProcess start(Path dataDir) throws Exception {
        return SluiceProcess.start(
                workDir,
                "up",
                "--gateway-port",
                "0",
                "--kafka-port",
                "0",
                "--data-dir",
                dataDir.toString());
    }
}
