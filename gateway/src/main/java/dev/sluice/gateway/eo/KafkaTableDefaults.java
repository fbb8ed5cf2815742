package dev.sluice.gateway.eo;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a Kafka table gets from the environment it runs in, when it does not say: the cluster's
 * bootstrap servers, and {@code read_committed} isolation so that a pipeline reading another
 * pipeline's output sees committed records only. Applied when tables are read from the catalog, so
 * the stored definition stays portable between environments.
 */
public final class KafkaTableDefaults implements UnaryOperator<Map<String, String>> {

    private final Optional<String> bootstrapServers;

    public KafkaTableDefaults(Optional<String> bootstrapServers) {
        this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
    }

    /** The options missing from {@code options}, in the order they should be added. */
    public Map<String, String> missing(Map<String, String> options) {
        Map<String, String> additions = new LinkedHashMap<>();
        if (!KafkaOptions.isKafka(options)) {
            return additions;
        }
        bootstrapServers
                .filter(bootstrap -> !options.containsKey(KafkaOptions.BOOTSTRAP_SERVERS))
                .ifPresent(bootstrap -> additions.put(KafkaOptions.BOOTSTRAP_SERVERS, bootstrap));
        if (!options.containsKey(KafkaOptions.ISOLATION_LEVEL)) {
            additions.put(KafkaOptions.ISOLATION_LEVEL, KafkaOptions.READ_COMMITTED);
        }
        return additions;
    }

    @Override
    public Map<String, String> apply(Map<String, String> options) {
        Map<String, String> missing = missing(options);
        if (missing.isEmpty()) {
            return options;
        }
        Map<String, String> complete = new LinkedHashMap<>(options);
        complete.putAll(missing);
        return complete;
    }
}
