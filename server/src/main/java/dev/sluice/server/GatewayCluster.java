package dev.sluice.server;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.eo.EngineDefaults;
import dev.sluice.policy.eo.ExactlyOnceSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.CoreOptions;

/**
 * The Flink cluster and the Kafka cluster a gateway runs its pipelines on, and how: the one
 * description {@code sluice serve} (a session cluster) and {@code sluice up} (the embedded mini
 * cluster) both start a gateway from.
 *
 * @param stateDir where checkpoints and savepoints go, under {@code checkpoints/} and {@code
 *     savepoints/}: a directory the JobManager, every TaskManager and the gateway see at this URI
 * @param extraSessionDefaults further Flink options every session starts with
 * @param topicPartitions partitions of the topics tables create when they do not say; 0 for the
 *     default parallelism, so that every source task has a partition to read
 */
public record GatewayCluster(
        String flinkHost,
        int flinkPort,
        String kafkaBootstrap,
        URI stateDir,
        int parallelism,
        Duration checkpointInterval,
        Set<String> atLeastOnceSinks,
        Map<String, String> extraSessionDefaults,
        int topicPartitions) {

    public GatewayCluster {
        if (topicPartitions < 0) {
            throw new IllegalArgumentException("topicPartitions must not be negative");
        }
        requireNonNull(flinkHost, "flinkHost is null");
        requireNonNull(kafkaBootstrap, "kafkaBootstrap is null");
        requireNonNull(stateDir, "stateDir is null");
        requireNonNull(checkpointInterval, "checkpointInterval is null");
        atLeastOnceSinks = Set.copyOf(atLeastOnceSinks);
        extraSessionDefaults = Map.copyOf(extraSessionDefaults);
    }

    /** Partitions of a topic a table creates without {@code sluice.topic.partitions}. */
    int defaultTopicPartitions() {
        return topicPartitions > 0 ? topicPartitions : Math.max(1, parallelism);
    }

    ExactlyOnceSettings exactlyOnce() {
        return new ExactlyOnceSettings(
                checkpointInterval,
                ExactlyOnceSettings.DEFAULT_TRANSACTION_TIMEOUT,
                Optional.of(kafkaBootstrap),
                atLeastOnceSinks);
    }

    Map<String, String> sessionDefaults() {
        String base = stateDir.toString().endsWith("/") ? stateDir.toString() : stateDir + "/";
        Map<String, String> defaults = new HashMap<>(EngineDefaults.session());
        defaults.putAll(extraSessionDefaults);
        defaults.put(CoreOptions.DEFAULT_PARALLELISM.key(), Integer.toString(parallelism));
        defaults.put(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(), base + "checkpoints");
        defaults.put(CheckpointingOptions.SAVEPOINT_DIRECTORY.key(), base + "savepoints");
        // Kept when a job is cancelled or its JobManager dies: deploy restarts from them.
        defaults.put(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION.key(),
                "RETAIN_ON_CANCELLATION");
        return defaults;
    }
}
