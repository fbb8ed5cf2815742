package dev.sluice.server;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
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
            SluiceGateway gateway =
                    SluiceGateway.start(
                            options.gateway(),
                            new GatewayCluster(
                                    options.flinkHost(),
                                    options.flinkPort(),
                                    options.kafkaBootstrap(),
                                    options.checkpointDir(),
                                    options.parallelism(),
                                    options.checkpointInterval(),
                                    options.atLeastOnceSinks(),
                                    // The connector and the functions travel with every job.
                                    Map.of(
                                            PipelineOptions.JARS.key(),
                                            String.join(";", ShippedJars.urls())),
                                    options.topicPartitions()),
                            catalog,
                            options.guard());
            started.push(gateway);
            return new SluiceServer(started, gateway, catalog);
        } catch (RuntimeException e) {
            Started.closeAll(started, e);
            throw e;
        }
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
