package dev.sluice.bench.compare;

import dev.sluice.policy.eo.ExactlyOnceSettings;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.runtime.StackOptions;
import dev.sluice.server.GatewayOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.table.gateway.rest.SqlGatewayRestEndpoint;
import org.apache.flink.table.gateway.rest.SqlGatewayRestEndpointFactory;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestOptions;
import org.apache.flink.table.gateway.service.SqlGatewayServiceImpl;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;

/**
 * One side of {@link CompareBenchmark}, in a JVM of its own so its CPU time and memory can be read
 * from {@code /proc}: either Sluice's stack (gateway + mini cluster, over the benchmark's broker)
 * or a stock Flink MiniCluster with a stock SQL Gateway (Flink's {@code SqlGatewayServiceImpl}
 * behind its {@code SqlGatewayRestEndpoint}, as {@code sql-gateway.sh} builds them) and none of
 * Sluice's code in the path. Writes "gateway-port flink-rest-port" to a file when it serves, and
 * stops when its standard input closes.
 *
 * <p>Arguments: {@code sluice|stock} bootstrap data-dir ready-file [at-least-once sink,...]
 */
public final class BenchServer {

    private static final String HOST = "127.0.0.1";

    private BenchServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException(
                    "usage: BenchServer sluice|stock BOOTSTRAP DATA_DIR READY_FILE [ALO_SINKS]");
        }
        String bootstrap = args[1];
        Path dataDir = Path.of(args[2]);
        Path ready = Path.of(args[3]);
        Set<String> atLeastOnce =
                args.length > 4 ? Set.copyOf(Arrays.asList(args[4].split(","))) : Set.of();
        switch (args[0]) {
            case "sluice" -> runSluice(bootstrap, dataDir, ready, atLeastOnce);
            case "stock" -> runStock(dataDir, ready);
            default -> throw new IllegalArgumentException("unknown side " + args[0]);
        }
    }

    /** Sluice as {@code sluice up --kafka-bootstrap …} runs it: its defaults, nothing tuned. */
    private static void runSluice(String bootstrap, Path dataDir, Path ready, Set<String> alo)
            throws Exception {
        StackOptions options =
                new StackOptions(
                        new GatewayOptions(GatewayOptions.LOOPBACK, 0),
                        0,
                        dataDir,
                        StackDefaults.PARALLELISM,
                        Optional.of(bootstrap),
                        StackDefaults.CHECKPOINT_INTERVAL,
                        Optional.empty(),
                        GuardPolicy.defaults(),
                        alo);
        try (SluiceStack stack = SluiceStack.start(options)) {
            announce(ready, stack.gatewayPort(), stack.flinkWebUi());
            awaitStdinClosed();
        }
    }

    /** Flink as it comes: default configuration, one TaskManager with room for every job. */
    private static void runStock(Path dataDir, Path ready) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, HOST);
        conf.set(RestOptions.BIND_ADDRESS, HOST);
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(JobManagerOptions.ADDRESS, HOST);
        conf.set(JobManagerOptions.BIND_HOST, HOST);
        conf.set(TaskManagerOptions.HOST, HOST);
        conf.set(TaskManagerOptions.BIND_HOST, HOST);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, StackDefaults.SLOTS);
        // Needed to be correct, like the two settings of the benchmark's SQL: Flink's default
        // checkpoint storage (the JobManager's heap) refuses state over 5 MB, and the fraud
        // pipeline's state is larger, so its checkpoints fail and the job restarts in a loop.
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dataDir.resolve("checkpoints").toUri().toString());
        Files.createDirectories(dataDir);
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(StackDefaults.SLOTS)
                                .build());
        try {
            cluster.start();
            URI rest = cluster.getRestAddress().get(60, TimeUnit.SECONDS);
            Configuration defaults = new Configuration();
            defaults.set(DeploymentOptions.TARGET, "remote");
            defaults.set(RestOptions.ADDRESS, rest.getHost());
            defaults.set(RestOptions.PORT, rest.getPort());
            SessionManager sessions =
                    SessionManager.create(new DefaultContext(defaults, List.of()));
            sessions.start();
            Map<String, String> endpoint = new HashMap<>();
            endpoint.put(SqlGatewayRestOptions.ADDRESS.key(), HOST);
            endpoint.put(SqlGatewayRestOptions.BIND_ADDRESS.key(), HOST);
            endpoint.put(SqlGatewayRestOptions.PORT.key(), "0");
            endpoint.put(SqlGatewayRestOptions.BIND_PORT.key(), "0");
            SqlGatewayRestEndpoint gateway =
                    new SqlGatewayRestEndpoint(
                            SqlGatewayRestEndpointFactory.rebuildRestEndpointOptions(
                                    endpoint, new HashMap<>()),
                            new SqlGatewayServiceImpl(sessions));
            gateway.start();
            try {
                announce(ready, gateway.getServerAddress().getPort(), rest);
                awaitStdinClosed();
            } finally {
                gateway.stop();
                sessions.stop();
            }
        } finally {
            cluster.close();
        }
    }

    private static void announce(Path ready, int gatewayPort, URI flinkRest) throws Exception {
        Path partial = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(
                partial, gatewayPort + " " + flinkRest.getPort() + "\n", StandardCharsets.UTF_8);
        Files.move(partial, ready);
    }

    private static void awaitStdinClosed() throws Exception {
        while (System.in.read() != -1) {
            // the benchmark closes our standard input to stop us
        }
    }

    /** What both sides share, so neither gets more room than the other. */
    static final class StackDefaults {
        /** Sluice's default ({@code sluice up --parallelism}): one task per core here. */
        static final int PARALLELISM = 2;

        /** Sluice's default ({@code sluice up --checkpoint-interval}). */
        static final Duration CHECKPOINT_INTERVAL = ExactlyOnceSettings.DEFAULT_CHECKPOINT_INTERVAL;

        /** Sluice's embedded TaskManager: max(8, 4 × parallelism) slots. */
        static final int SLOTS = 8;

        private StackDefaults() {}
    }
}
