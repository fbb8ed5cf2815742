package dev.sluice.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.catalog.store.StoreSettings;
import dev.sluice.cli.Main;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.runtime.StackOptions;
import dev.sluice.server.GatewayCluster;
import dev.sluice.server.GatewayOptions;
import dev.sluice.server.PersistentCatalog;
import dev.sluice.server.SluiceGateway;
import dev.sluice.server.deploy.FlinkJobs;
import dev.sluice.server.deploy.PipelineStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateways on one PostgreSQL catalog, both asked to {@code sluice deploy sql} at the same
 * moment: the catalog database's deploy lock lets one of them deploy, the other is refused with the
 * reason, and every pipeline ends with exactly one job, the one the registry names.
 */
class SharedCatalogDeployITCase {

    private static final Path SQL = Path.of("..", "sql");
    private static final List<String> PIPELINES =
            List.of("fraud_alerts", "high_risk_alerts", "scored_transactions");

    private EmbeddedPostgres postgres;
    private SluiceStack first;
    private SluiceGateway second;
    private PersistentCatalog secondCatalog;

    @BeforeEach
    void startTwoGatewaysOnOneCatalog() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE shared_catalog");
        }
        Optional<StoreSettings> catalog =
                Optional.of(
                        new StoreSettings(
                                postgres.getJdbcUrl("postgres", "shared_catalog"),
                                Optional.empty(),
                                Optional.empty()));
        Path state = Files.createTempDirectory("sluice-shared-");
        first =
                SluiceStack.start(
                        new StackOptions(
                                new GatewayOptions(GatewayOptions.LOOPBACK, 0),
                                0,
                                state.resolve("first"),
                                2,
                                Optional.empty(),
                                Duration.ofMillis(500),
                                catalog,
                                GuardPolicy.defaults(),
                                Set.of()));
        // The second gateway submits to the first one's mini cluster, as two `sluice serve`s
        // share a session cluster (serve itself refuses a child-first cluster such as the mini
        // cluster, so the gateway is started directly).
        URI flink = first.flinkWebUi();
        secondCatalog =
                PersistentCatalog.open(catalog, Files.createDirectories(state.resolve("second")));
        second =
                SluiceGateway.start(
                        new GatewayOptions(GatewayOptions.LOOPBACK, 0),
                        new GatewayCluster(
                                flink.getHost(),
                                flink.getPort(),
                                first.kafkaBootstrap(),
                                first.dataDir().resolve("flink").toUri(),
                                2,
                                Duration.ofMillis(500),
                                Set.of(),
                                Map.of(),
                                0),
                        secondCatalog,
                        GuardPolicy.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        if (second != null) {
            second.close();
        }
        if (secondCatalog != null) {
            secondCatalog.close();
        }
        if (first != null) {
            first.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void twoGatewaysDeployingAtTheSameMomentStartEachPipelineOnce() throws Exception {
        List<String> gateways =
                List.of(
                        "http://%s:%d".formatted(first.gatewayHost(), first.gatewayPort()),
                        "http://%s:%d".formatted(second.host(), second.port()));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<String> outputs = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        try {
            List<Future<Map.Entry<Integer, String>>> runs = new ArrayList<>();
            for (String gateway : gateways) {
                runs.add(
                        clients.submit(
                                () -> {
                                    go.await();
                                    return deploy(gateway);
                                }));
            }
            go.countDown();
            for (Future<Map.Entry<Integer, String>> run : runs) {
                Map.Entry<Integer, String> done = run.get(5, TimeUnit.MINUTES);
                codes.add(done.getKey());
                outputs.add(done.getValue());
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(codes).as(String.join("\n----\n", outputs)).contains(0);
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i) != 0) {
                assertThat(outputs.get(i))
                        .as("the one that lost says why")
                        .containsAnyOf(
                                "another gateway that shares this catalog database is running a deployment",
                                "another deployment, stop, resume or replay is running");
            }
        }
        FlinkJobs flink = new FlinkJobs(first.flinkWebUi());
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(30))
                .until(() -> runningJobsByName(flink).keySet().containsAll(PIPELINES));
        Map<String, List<String>> running = runningJobsByName(flink);
        Map<String, String> registered =
                first.deployer().pipelines().stream()
                        .collect(Collectors.toMap(PipelineStatus::name, PipelineStatus::jobId));
        for (String pipeline : PIPELINES) {
            assertThat(running.get(pipeline)).as(pipeline).hasSize(1);
            assertThat(registered.get(pipeline))
                    .as("the registry names the job of " + pipeline)
                    .isEqualTo(running.get(pipeline).get(0));
        }
    }

    private static Map<String, List<String>> runningJobsByName(FlinkJobs flink) {
        return flink.jobs().stream()
                .filter(job -> job.state() == JobStatus.RUNNING)
                .collect(
                        Collectors.groupingBy(
                                FlinkJobs.Job::name,
                                Collectors.mapping(FlinkJobs.Job::id, Collectors.toList())));
    }

    private static Map.Entry<Integer, String> deploy(String gateway) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                Main.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        "deploy",
                        SQL.toString(),
                        "--gateway",
                        gateway);
        return Map.entry(code, out + "\n" + err);
    }
}
