package dev.sluice.connector;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where a Kafka table's undecodable records go, as the job's tasks need it.
 *
 * @param mode dead-letter (default) or skip
 * @param topic the dead-letter topic
 * @param table the table, for the records' headers
 * @param pipeline the pipeline, for the records' headers; empty for an ad-hoc query
 * @param producer the dead-letter producer's settings: the table's cluster and its security
 */
public record DeadLetterSettings(
        Mode mode, String topic, String table, String pipeline, Properties producer)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a record its format cannot decode becomes. */
    public enum Mode {
        /** Written to the dead-letter topic, with where it came from and why. */
        DEAD_LETTER,
        /** Counted and dropped. */
        SKIP,
        /**
         * A job failure, as with Flink's own connector: what {@code 'sluice.on-error' = 'fail'}
         * tables get in {@code sluice test} runs (elsewhere they read through the plain connector).
         */
        FAIL;

        public static Mode of(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "dead-letter" -> DEAD_LETTER;
                case "skip" -> SKIP;
                case "fail" -> FAIL;
                default ->
                        throw new IllegalArgumentException(
                                "'%s' is not a dead-letter mode (dead-letter, skip, fail)"
                                        .formatted(value));
            };
        }
    }

    public DeadLetterSettings {
        requireNonNull(mode, "mode is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(table, "table is null");
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(producer, "producer is null");
    }

    /** Producer settings out of a table's {@code properties.*}: where, and how to log in. */
    static Properties producerProperties(Map<String, String> tableOptions) {
        Properties producer = new Properties();
        tableOptions.forEach(
                (key, value) -> {
                    if (!key.startsWith("properties.")) {
                        return;
                    }
                    String client = key.substring("properties.".length());
                    if (client.equals("bootstrap.servers")
                            || client.equals("client.dns.lookup")
                            || client.startsWith("security.")
                            || client.startsWith("sasl.")
                            || client.startsWith("ssl.")) {
                        producer.setProperty(client, value);
                    }
                });
        return producer;
    }
}
