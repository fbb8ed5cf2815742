package dev.sluice.policy.eo;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The Kafka connector option keys that exactly-once delivery depends on. */
public final class KafkaOptions {

    static final String CONNECTOR = "connector";
    static final Set<String> KAFKA_CONNECTORS = Set.of("kafka", "upsert-kafka");
    public static final String BOOTSTRAP_SERVERS = "properties.bootstrap.servers";
    static final String ISOLATION_LEVEL = "properties.isolation.level";
    static final String READ_COMMITTED = "read_committed";
    static final String DELIVERY_GUARANTEE = "sink.delivery-guarantee";
    static final String EXACTLY_ONCE = "exactly-once";
    static final String TRANSACTIONAL_ID_PREFIX = "sink.transactional-id-prefix";
    static final String TRANSACTION_TIMEOUT = "properties.transaction.timeout.ms";

    private KafkaOptions() {}

    public static boolean isKafka(Map<String, String> options) {
        String connector = options.get(CONNECTOR);
        return connector != null && KAFKA_CONNECTORS.contains(connector.toLowerCase(Locale.ROOT));
    }
}
