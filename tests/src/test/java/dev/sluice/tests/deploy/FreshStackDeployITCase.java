package dev.sluice.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.sluice.cli.Main;
import dev.sluice.cli.generate.Transaction;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.runtime.StackOptions;
import dev.sluice.server.GatewayOptions;
import dev.sluice.testkit.JdbcSql;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.TestTransactions;
import dev.sluice.testkit.WindowAggregate;
import dev.sluice.testkit.WindowReference;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the README tells a new user to do, on a stack of its own that no demo and no other test has
 * touched: {@code sluice deploy sql} creates the tables and their topics and starts every pipeline;
 * transactions then produce committed alerts. A pipeline over a topic deleted by hand is refused
 * before it is submitted.
 */
class FreshStackDeployITCase {

    private static final Path SQL = Path.of("..", "sql");

    private SluiceStack stack;
    private KafkaTestClient kafka;

    @BeforeEach
    void startAFreshStack() throws Exception {
        stack =
                SluiceStack.start(
                        new StackOptions(
                                new GatewayOptions(GatewayOptions.LOOPBACK, 0),
                                0,
                                Files.createTempDirectory("sluice-fresh-"),
                                2,
                                Optional.empty(),
                                Duration.ofMillis(500),
                                Optional.empty(),
                                GuardPolicy.defaults(),
                                Set.of()));
        kafka = new KafkaTestClient(stack.kafkaBootstrap());
    }

    @AfterEach
    void stop() {
        kafka.close();
        stack.close();
    }

    @Test
    void deploySqlOnAFreshStackStartsEveryPipelineAndAlertsAreCommitted() throws Exception {
        assertThat(kafka.topics()).doesNotContain("transactions", "fraud-alerts");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        "deploy",
                        SQL.toString(),
                        "--gateway",
                        "http://%s:%d".formatted(stack.gatewayHost(), stack.gatewayPort()));

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Deployed: 16 changes applied.");
        assertThat(stack.flink().runningJobs()).hasSize(3);
        assertThat(kafka.topics())
                .contains(
                        "transactions", "fraud-alerts", "high-risk-alerts", "scored-transactions");

        List<Transaction> input = TestTransactions.generate(11, 2_000, 40);
        List<WindowAggregate> expected =
                WindowReference.hop(
                        input,
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(10),
                        w -> w.total().compareTo(new BigDecimal("10000")) > 0);
        assertThat(expected).isNotEmpty();
        TestTransactions.produce(kafka, "transactions", 2, input);
        try (KafkaTestClient.Reader alerts = kafka.readCommitted("fraud-alerts")) {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> alerts.poll().size() >= expected.size());
            assertThat(alerts.poll().stream().map(WindowAggregate::fromJson).toList())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aPipelineOverATopicDeletedByHandIsRefusedBeforeItIsSubmitted() throws Exception {
        try (Connection jdbc = DriverManager.getConnection(stack.jdbcUrl())) {
            JdbcSql.execute(
                    jdbc,
                    "CREATE TABLE payments (id STRING, amount INT) WITH ('connector' = 'kafka',"
                            + " 'topic' = 'payments', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset')");
            JdbcSql.execute(
                    jdbc,
                    "CREATE TEMPORARY TABLE nowhere (id STRING, amount INT)"
                            + " WITH ('connector' = 'blackhole')");
            assertThat(kafka.topics()).as("the table created its topic").contains("payments");
            try (Admin admin =
                    Admin.create(
                            Map.of(
                                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    stack.kafkaBootstrap()))) {
                admin.deleteTopics(List.of("payments")).all().get();
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !kafka.topics().contains("payments"));

            Throwable refusal =
                    catchThrowable(
                            () ->
                                    JdbcSql.execute(
                                            jdbc,
                                            "INSERT INTO nowhere SELECT id, amount + 1 FROM payments"));

            assertThat(refusal).isNotNull();
            assertThat(JdbcSql.stackTrace(refusal))
                    .contains(
                            "[kafka-topic] table 'default_catalog.default_database.payments' reads"
                                    + " topic 'payments', which does not exist on Kafka at "
                                    + stack.kafkaBootstrap());
            assertThat(stack.flink().runningJobs()).isEmpty();
        }
    }

    @Test
    void anAppendTableOverACompactedTopicIsReportedNotChanged() throws Exception {
        try (Connection jdbc = DriverManager.getConnection(stack.jdbcUrl());
                Admin admin =
                        Admin.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        stack.kafkaBootstrap()))) {
            admin.createTopics(
                            List.of(
                                    new NewTopic("accounts", 1, (short) 1)
                                            .configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get();

            Throwable refusal =
                    catchThrowable(
                            () ->
                                    JdbcSql.execute(
                                            jdbc,
                                            "CREATE TABLE accounts_log (id STRING, name STRING) WITH ("
                                                    + " 'connector' = 'kafka', 'topic' = 'accounts',"
                                                    + " 'format' = 'json')"));
            JdbcSql.execute(
                    jdbc,
                    "CREATE TABLE accounts (id STRING, name STRING, PRIMARY KEY (id) NOT ENFORCED)"
                            + " WITH ('connector' = 'upsert-kafka', 'topic' = 'accounts',"
                            + " 'key.format' = 'json', 'value.format' = 'json')");

            assertThat(JdbcSql.stackTrace(refusal))
                    .contains(
                            "[kafka-topic] table 'accounts_log' is an append table ('connector' ="
                                    + " 'kafka'), but topic 'accounts' is compacted");
            assertThat(JdbcSql.rows(jdbc, "SHOW TABLES"))
                    .contains("accounts")
                    .doesNotContain("accounts_log");
        }
    }
}
