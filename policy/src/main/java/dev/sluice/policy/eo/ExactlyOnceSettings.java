package dev.sluice.policy.eo;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What the gateway fills in so that every pipeline runs exactly-once without the user knowing the
 * knobs.
 *
 * @param checkpointInterval default checkpoint interval of every session; Kafka sinks commit on
 *     each checkpoint, so this is also the end-to-end latency a read_committed reader sees
 * @param transactionTimeout {@code transaction.timeout.ms} of Kafka sink producers; must stay under
 *     the broker's {@code transaction.max.timeout.ms} (15 minutes by default)
 * @param kafkaBootstrap bootstrap servers given to Kafka tables that name none
 * @param atLeastOnceSinks sink tables the operator allows to declare {@code
 *     'sink.delivery-guarantee' = 'at-least-once'} or {@code 'none'} (by name, or as
 *     catalog.database.table)
 */
public record ExactlyOnceSettings(
        Duration checkpointInterval,
        Duration transactionTimeout,
        Optional<String> kafkaBootstrap,
        Set<String> atLeastOnceSinks) {

    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    public ExactlyOnceSettings {
        requireNonNull(checkpointInterval, "checkpointInterval is null");
        requireNonNull(transactionTimeout, "transactionTimeout is null");
        requireNonNull(kafkaBootstrap, "kafkaBootstrap is null");
        atLeastOnceSinks = Set.copyOf(atLeastOnceSinks);
        if (checkpointInterval.isZero() || checkpointInterval.isNegative()) {
            throw new IllegalArgumentException("checkpoint interval must be positive");
        }
        if (checkpointInterval.compareTo(transactionTimeout) >= 0) {
            throw new IllegalArgumentException(
                    "checkpoint interval must be shorter than the Kafka transaction timeout");
        }
    }

    public static ExactlyOnceSettings defaults(String kafkaBootstrap) {
        return new ExactlyOnceSettings(
                DEFAULT_CHECKPOINT_INTERVAL,
                DEFAULT_TRANSACTION_TIMEOUT,
                Optional.of(kafkaBootstrap),
                Set.of());
    }
}
