package dev.sluice.policy.eo;

import dev.sluice.connector.DeadLetterTableFactory;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The Kafka connector option keys that exactly-once delivery depends on. */
public final class KafkaOptions {

    public static final String CONNECTOR = "connector";
    static final Set<String> KAFKA_CONNECTORS = Set.of("kafka", "upsert-kafka");

    /** Sluice's names for them when a table is read: the same connectors, with dead letters. */
    static final Map<String, String> WITH_DEAD_LETTERS =
            Map.of(
                    "kafka",
                    DeadLetterTableFactory.KAFKA,
                    "upsert-kafka",
                    DeadLetterTableFactory.UPSERT_KAFKA);

    public static final String BOOTSTRAP_SERVERS = "properties.bootstrap.servers";
    static final String ISOLATION_LEVEL = "properties.isolation.level";
    static final String READ_COMMITTED = "read_committed";
    static final String DELIVERY_GUARANTEE = "sink.delivery-guarantee";
    static final String EXACTLY_ONCE = "exactly-once";
    static final String TRANSACTIONAL_ID_PREFIX = "sink.transactional-id-prefix";
    static final String TRANSACTION_TIMEOUT = "properties.transaction.timeout.ms";
    static final String TRANSACTION_NAMING = "sink.transaction-naming-strategy";
    static final String POOLING = "POOLING";

    private KafkaOptions() {}

    public static boolean isKafka(Map<String, String> options) {
        String connector = options.get(CONNECTOR);
        return connector != null && KAFKA_CONNECTORS.contains(canonical(connector));
    }

    /**
     * The connector a name stands for: {@code sluice-kafka} is {@code kafka} (with dead letters),
     * {@code sluice-upsert-kafka} is {@code upsert-kafka}; any other name is itself, lower case.
     */
    public static String canonical(String connector) {
        String lower = connector.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> alias : WITH_DEAD_LETTERS.entrySet()) {
            if (alias.getValue().equals(lower)) {
                return alias.getKey();
            }
        }
        return lower;
    }

    /** Whether the table appends ({@code kafka}) rather than upserts ({@code upsert-kafka}). */
    public static boolean isAppendKafka(Map<String, String> options) {
        String connector = options.get(CONNECTOR);
        return connector != null && canonical(connector).equals("kafka");
    }
}
