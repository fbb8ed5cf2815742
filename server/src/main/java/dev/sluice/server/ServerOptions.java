package dev.sluice.server;

import static java.util.Objects.requireNonNull;

import dev.sluice.catalog.store.StoreSettings;
import dev.sluice.policy.guard.GuardPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code sluice serve} runs: the gateway alone, against a Flink session cluster and Kafka.
 *
 * @param flinkHost host of the cluster's REST API (the JobManager)
 * @param flinkPort its port
 * @param kafkaBootstrap the Kafka cluster's bootstrap servers
 * @param checkpointDir where checkpoints and savepoints go: a directory every JobManager and
 *     TaskManager reaches under the same URI (a shared volume, S3, HDFS)
 * @param dataDir the gateway's own files: its lock, logs, and the H2 catalog unless {@code catalog}
 * @param topicPartitions partitions of the topics tables create; 0 for the default parallelism
 */
public record ServerOptions(
        GatewayOptions gateway,
        String flinkHost,
        int flinkPort,
        String kafkaBootstrap,
        URI checkpointDir,
        Path dataDir,
        int parallelism,
        Duration checkpointInterval,
        Optional<StoreSettings> catalog,
        GuardPolicy guard,
        Set<String> atLeastOnceSinks,
        int topicPartitions) {

    /** With topics of as many partitions as the default parallelism. */
    public ServerOptions(
            GatewayOptions gateway,
            String flinkHost,
            int flinkPort,
            String kafkaBootstrap,
            URI checkpointDir,
            Path dataDir,
            int parallelism,
            Duration checkpointInterval,
            Optional<StoreSettings> catalog,
            GuardPolicy guard,
            Set<String> atLeastOnceSinks) {
        this(
                gateway,
                flinkHost,
                flinkPort,
                kafkaBootstrap,
                checkpointDir,
                dataDir,
                parallelism,
                checkpointInterval,
                catalog,
                guard,
                atLeastOnceSinks,
                0);
    }

    public ServerOptions {
        requireNonNull(gateway, "gateway is null");
        requireNonNull(flinkHost, "flinkHost is null");
        requireNonNull(kafkaBootstrap, "kafkaBootstrap is null");
        requireNonNull(checkpointDir, "checkpointDir is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(checkpointInterval, "checkpointInterval is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(guard, "guard is null");
        atLeastOnceSinks = Set.copyOf(atLeastOnceSinks);
    }
}
