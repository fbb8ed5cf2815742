package dev.sluice.server.topics;

import dev.sluice.connector.DeadLetterTableFactory;
import dev.sluice.policy.eo.KafkaOptions;
import dev.sluice.policy.eo.SluiceOptions;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.catalog.ObjectIdentifier;

/** Which topic a Kafka table's bad records go to. */
public final class DeadLetterTopics {

    private DeadLetterTopics() {}

    /**
     * Where a table's bad records go: its {@code sluice.dead-letter.topic}, else its topic + {@code
     * .dlq}; empty when it skips them or fails on them. Reads the table as written ({@code
     * sluice.*}) and as read from the catalog (the dead-letter connector's options).
     */
    public static Optional<String> of(String table, Map<String, String> options) {
        if (!KafkaOptions.isKafka(options)) {
            return Optional.empty();
        }
        return topic(table, options, readsWithDeadLetters(options));
    }

    /**
     * The dead-letter topic of a table as a statement reads it, after the catalog applied Sluice's
     * defaults: only tables that read through the dead-letter connector have one (a {@code
     * TEMPORARY} table, or one with {@code 'sluice.on-error' = 'fail'}, reads through plain Kafka).
     */
    public static Optional<String> ofReadTable(String table, Map<String, String> options) {
        return readsWithDeadLetters(options) ? topic(table, options, true) : Optional.empty();
    }

    /** Whether the options are a table as read: through Sluice's dead-letter connector. */
    private static boolean readsWithDeadLetters(Map<String, String> options) {
        String connector = options.getOrDefault("connector", "");
        return connector.equalsIgnoreCase(DeadLetterTableFactory.KAFKA)
                || connector.equalsIgnoreCase(DeadLetterTableFactory.UPSERT_KAFKA);
    }

    private static Optional<String> topic(String table, Map<String, String> options, boolean read) {
        String mode =
                read
                        ? options.getOrDefault(DeadLetterTableFactory.MODE.key(), "dead-letter")
                        : SluiceOptions.onError(options);
        if (!mode.equals("dead-letter")) {
            return Optional.empty();
        }
        String named =
                options.get(
                        read
                                ? DeadLetterTableFactory.TOPIC.key()
                                : SluiceOptions.DEAD_LETTER_TOPIC);
        if (named != null) {
            return Optional.of(named);
        }
        String name = table.substring(table.lastIndexOf('.') + 1).replace("`", "");
        return Optional.of(
                DeadLetterTableFactory.defaultTopic(
                        options.get("topic"), ObjectIdentifier.of("catalog", "database", name)));
    }
}
