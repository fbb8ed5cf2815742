package dev.sluice.runtime;

import static java.util.Objects.requireNonNull;

import dev.sluice.catalog.store.StoreSettings;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.server.GatewayOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code sluice up} runs.
 *
 * @param gateway where the SQL gateway listens
 * @param kafkaPort client port of the embedded broker (0 picks a free one); unused with an external
 *     Kafka
 * @param dataDir Kafka logs, checkpoints and savepoints; kept across restarts
 * @param parallelism default parallelism of every job
 * @param externalKafka bootstrap servers of an existing Kafka cluster to use instead of the
 *     embedded broker
 * @param checkpointInterval default checkpoint interval of every job
 * @param catalog where tables, views and functions are kept; an H2 file under the data dir when
 *     empty
 * @param guard what statements may do
 * @param atLeastOnceSinks sink tables exempted from exactly-once by the operator
 */
public record StackOptions(
        GatewayOptions gateway,
        int kafkaPort,
        Path dataDir,
        int parallelism,
        Optional<String> externalKafka,
        Duration checkpointInterval,
        Optional<StoreSettings> catalog,
        GuardPolicy guard,
        Set<String> atLeastOnceSinks,
        int topicPartitions) {

    /** With topics of as many partitions as the default parallelism. */
    public StackOptions(
            GatewayOptions gateway,
            int kafkaPort,
            Path dataDir,
            int parallelism,
            Optional<String> externalKafka,
            Duration checkpointInterval,
            Optional<StoreSettings> catalog,
            GuardPolicy guard,
            Set<String> atLeastOnceSinks) {
        this(
                gateway,
                kafkaPort,
                dataDir,
                parallelism,
                externalKafka,
                checkpointInterval,
                catalog,
                guard,
                atLeastOnceSinks,
                0);
    }

    public StackOptions {
        requireNonNull(guard, "guard is null");
        atLeastOnceSinks = Set.copyOf(atLeastOnceSinks);
        requireNonNull(catalog, "catalog is null");
        requireNonNull(gateway, "gateway is null");
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(externalKafka, "externalKafka is null");
        requireNonNull(checkpointInterval, "checkpointInterval is null");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
    }

    /** Task slots of the embedded TaskManager: room for several pipelines at full parallelism. */
    int slots() {
        return Math.max(8, parallelism * 4);
    }
}
