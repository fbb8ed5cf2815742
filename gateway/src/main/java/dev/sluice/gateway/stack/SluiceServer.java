package dev.sluice.gateway.stack;

import static java.util.Objects.requireNonNull;

import dev.sluice.gateway.eo.ExactlyOnceSettings;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;

/**
 * {@code sluice serve}: the gateway and its catalog, nothing embedded. Jobs go to an existing Flink
 * session cluster, with the Kafka connector and the fraud functions shipped inside each job.
 */
public final class SluiceServer implements AutoCloseable {

    private final Deque<AutoCloseable> started;
    private final SluiceGateway gateway;
    private final PersistentCatalog catalog;

    private SluiceServer(
            Deque<AutoCloseable> started, SluiceGateway gateway, PersistentCatalog catalog) {
        this.started = started;
        this.gateway = gateway;
        this.catalog = catalog;
    }

    public static SluiceServer start(ServerOptions options) {
        requireNonNull(options, "options is null");
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            DataDirectory dataDir = DataDirectory.open(options.dataDir());
            started.push(dataDir);
            ExternalFlink.checkReachable(options.flinkHost(), options.flinkPort());
            ExternalKafka.checkReachable(options.kafkaBootstrap());
            PersistentCatalog catalog = PersistentCatalog.open(options.catalog(), dataDir.path());
            started.push(catalog);
            ExactlyOnceSettings settings =
                    new ExactlyOnceSettings(
                            options.checkpointInterval(),
                            ExactlyOnceSettings.DEFAULT_TRANSACTION_TIMEOUT,
                            Optional.of(options.kafkaBootstrap()),
                            options.atLeastOnceSinks());
            SluiceGateway gateway =
                    SluiceGateway.start(
                            options.gateway(),
                            options.flinkHost(),
                            options.flinkPort(),
                            settings,
                            sessionDefaults(options),
                            Optional.of(
                                    catalog.defaultCatalog(Optional.of(options.kafkaBootstrap()))),
                            options.guard(),
                            Optional.of(catalog.store()));
            started.push(gateway);
            return new SluiceServer(started, gateway, catalog);
        } catch (RuntimeException e) {
            Started.closeAll(started, e);
            throw e;
        }
    }

    private static Map<String, String> sessionDefaults(ServerOptions options) {
        URI state = options.checkpointDir();
        String base = state.toString().endsWith("/") ? state.toString() : state + "/";
        return Map.of(
                CoreOptions.DEFAULT_PARALLELISM.key(),
                Integer.toString(options.parallelism()),
                CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(),
                base + "checkpoints",
                CheckpointingOptions.SAVEPOINT_DIRECTORY.key(),
                base + "savepoints",
                // Kept when a job is cancelled or its JobManager dies: deploy restarts from them.
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION.key(),
                "RETAIN_ON_CANCELLATION",
                PipelineOptions.JARS.key(),
                String.join(";", ShippedJars.urls()));
    }

    public String jdbcUrl() {
        return "jdbc:flink://%s:%d".formatted(gateway.host(), gateway.port());
    }

    public String gatewayHost() {
        return gateway.host();
    }

    public int gatewayPort() {
        return gateway.port();
    }

    public String catalogDescription() {
        return catalog.description();
    }

    @Override
    public void close() {
        RuntimeException failure = new IllegalStateException("Sluice did not stop cleanly");
        Started.closeAll(started, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }
}
