package dev.sluice.bench;

import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.runtime.StackOptions;
import dev.sluice.server.GatewayOptions;
import dev.sluice.server.deploy.GatewaySession;
import dev.sluice.server.deploy.StatementFailedException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * How long the gateway takes to refuse a pipeline whose source topic was deleted by hand (issue:
 * under a second, instead of a job that times out minutes later): the table is created through
 * Sluice, its topic deleted with Kafka's Admin API, then the same INSERT is refused again and
 * again. Prints the median and the slowest refusal; asserts nothing.
 */
public final class MissingTopicBenchmark {

    private MissingTopicBenchmark() {}

    public static void main(String[] args) throws Exception {
        int refusals = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String table = "gone_" + suffix;
        // No 'scan.startup.mode': what an ad-hoc pipeline over a table declared like this does.
        try (SluiceStack stack =
                        SluiceStack.start(
                                new StackOptions(
                                        new GatewayOptions(GatewayOptions.LOOPBACK, 0),
                                        0,
                                        Files.createTempDirectory("sluice-bench-"),
                                        2,
                                        Optional.empty(),
                                        Duration.ofSeconds(1),
                                        Optional.empty(),
                                        GuardPolicy.defaults(),
                                        Set.of()));
                GatewaySession session = new GatewaySession(stack.gatewayService())) {
            session.execute(
                    SqlStatement.standalone(
                            ("CREATE TABLE %s (id STRING, amount INT) WITH ('connector' = 'kafka',"
                                            + " 'topic' = '%s', 'format' = 'json')")
                                    .formatted(table, table)));
            session.execute(
                    SqlStatement.standalone(
                            "CREATE TEMPORARY TABLE nowhere (id STRING, amount INT) WITH ('connector' = 'blackhole')"));
            try (Admin admin =
                    Admin.create(
                            Map.of(
                                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    stack.kafkaBootstrap()))) {
                admin.deleteTopics(List.of(table)).all().get();
                while (admin.listTopics().names().get().contains(table)) {
                    Thread.sleep(100);
                }
            }
            SqlStatement insert =
                    SqlStatement.standalone(
                            "INSERT INTO nowhere SELECT id, amount + 1 FROM " + table);
            List<Long> millis = new ArrayList<>();
            String message = "";
            for (int i = 0; i < refusals + 5; i++) {
                long start = System.nanoTime();
                boolean admitted;
                try {
                    session.execute(insert);
                    admitted = true;
                } catch (StatementFailedException e) {
                    admitted = false;
                    message = e.getMessage();
                }
                if (admitted) {
                    throw new IllegalStateException(
                            "the pipeline over a missing topic was admitted");
                }
                if (i >= 5) { // the first few warm up the planner and the Admin client
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
            }
            List<Long> sorted = millis.stream().sorted().toList();
            System.out.printf(
                    "refusal of a pipeline over a deleted topic, %d times: median %d ms, slowest %d ms (goal: under 1000 ms)%n",
                    sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
            System.out.println("message: " + message.lines().findFirst().orElse(""));
        }
    }
}
