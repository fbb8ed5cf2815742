package dev.sluice.policy.eo;

import static java.util.Objects.requireNonNull;

import dev.sluice.connector.DeadLetterTableFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * What a Kafka table gets from the environment it runs in, when it does not say: the cluster's
 * bootstrap servers, and {@code read_committed} isolation so that a pipeline reading another
 * pipeline's output sees committed records only. Applied when tables are read from the catalog, so
 * the stored definition stays portable between environments. Sluice's own table options ({@link
 * SluiceOptions}) are taken out at the same time: the connector never sees them.
 */
public final class KafkaTableDefaults implements UnaryOperator<Map<String, String>> {

    /**
     * Session option of a replay ({@code sluice replay}): {@code earliest} or {@code
     * timestamp:MILLIS}.
     */
    public static final String REPLAY_OPTION = "$internal.sluice.replay-from";

    /**
     * Session option of a deployed pipeline's sessions: the consumer group its Kafka sources read
     * and commit their offsets under, on every checkpoint, so Kafka's own tools show its lag.
     */
    public static final String GROUP_OPTION = "$internal.sluice.group-id";

    private static final String GROUP_ID = "properties.group.id";

    private final Optional<String> bootstrapServers;
    private final Optional<String> replayFrom;
    private final Optional<String> groupId;

    public KafkaTableDefaults(Optional<String> bootstrapServers) {
        this(bootstrapServers, Optional.empty());
    }

    public KafkaTableDefaults(Optional<String> bootstrapServers, Optional<String> replayFrom) {
        this(bootstrapServers, replayFrom, Optional.empty());
    }

    /**
     * The consumer group of a deployed pipeline: derived from its name only, so it stays the same
     * across upgrades, restarts and replays.
     */
    public static String groupId(String pipeline) {
        return PIPELINE_GROUP_PREFIX + pipeline;
    }

    private static final String PIPELINE_GROUP_PREFIX = "sluice-pipeline-";

    /**
     * @param replayFrom where every Kafka source of the session starts reading, overriding its
     *     table's own startup mode: {@code earliest} or {@code timestamp:MILLIS}
     */
    public KafkaTableDefaults(
            Optional<String> bootstrapServers,
            Optional<String> replayFrom,
            Optional<String> groupId) {
        this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
        this.replayFrom = requireNonNull(replayFrom, "replayFrom is null");
        this.groupId = requireNonNull(groupId, "groupId is null");
        replayFrom.ifPresent(KafkaTableDefaults::startup);
    }

    /**
     * What a session's Kafka tables get: the cluster's bootstrap servers, and, in a deployed
     * pipeline's sessions, the replay point and the consumer group the deploy engine set.
     */
    public static KafkaTableDefaults forSession(
            Optional<String> bootstrapServers, ReadableConfig sessionConfig) {
        return new KafkaTableDefaults(
                bootstrapServers,
                sessionConfig.getOptional(
                        ConfigOptions.key(REPLAY_OPTION).stringType().noDefaultValue()),
                sessionConfig.getOptional(
                        ConfigOptions.key(GROUP_OPTION).stringType().noDefaultValue()));
    }

    /**
     * A Kafka table reads through Sluice's dead-letter connector unless it says {@code
     * 'sluice.on-error' = 'fail'}: its bad records go to its dead-letter topic (or are skipped),
     * named in the records' headers with the pipeline that read them.
     */
    private void deadLetters(Map<String, String> stored, Map<String, String> options) {
        String onError = SluiceOptions.onError(stored);
        String connector = options.get(KafkaOptions.CONNECTOR);
        if (onError.equals("fail")
                || connector == null
                || !KafkaOptions.WITH_DEAD_LETTERS.containsKey(
                        connector.toLowerCase(java.util.Locale.ROOT))) {
            return;
        }
        options.put(
                KafkaOptions.CONNECTOR,
                KafkaOptions.WITH_DEAD_LETTERS.get(connector.toLowerCase(java.util.Locale.ROOT)));
        options.put(DeadLetterTableFactory.MODE.key(), onError);
        Optional.ofNullable(stored.get(SluiceOptions.DEAD_LETTER_TOPIC))
                .ifPresent(topic -> options.put(DeadLetterTableFactory.TOPIC.key(), topic));
        groupId.filter(group -> group.startsWith(PIPELINE_GROUP_PREFIX))
                .ifPresent(
                        group ->
                                options.put(
                                        DeadLetterTableFactory.PIPELINE.key(),
                                        group.substring(PIPELINE_GROUP_PREFIX.length())));
    }

    /** The startup options of a replay point. */
    public static Map<String, String> startup(String replayFrom) {
        if (replayFrom.equals("earliest")) {
            return Map.of("scan.startup.mode", "earliest-offset");
        }
        if (replayFrom.matches("timestamp:\\d+")) {
            return Map.of(
                    "scan.startup.mode",
                    "timestamp",
                    "scan.startup.timestamp-millis",
                    replayFrom.substring("timestamp:".length()));
        }
        throw new IllegalArgumentException(
                "replay point must be 'earliest' or 'timestamp:MILLIS', got '" + replayFrom + "'");
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
        groupId.filter(group -> !options.containsKey(GROUP_ID))
                .ifPresent(group -> additions.put(GROUP_ID, group));
        return additions;
    }

    private static final String STARTUP_MODE = "scan.startup.mode";
    private static final String AUTO_OFFSET_RESET = "properties.auto.offset.reset";

    @Override
    public Map<String, String> apply(Map<String, String> stored) {
        Map<String, String> options = SluiceOptions.withoutSluiceOptions(stored);
        Map<String, String> missing = missing(options);
        boolean replay = replayFrom.isPresent() && KafkaOptions.isKafka(options);
        if (missing.isEmpty() && !replay && !KafkaOptions.isKafka(options)) {
            return options;
        }
        Map<String, String> complete = new LinkedHashMap<>(options);
        complete.putAll(missing);
        if (KafkaOptions.isAppendKafka(complete) && !complete.containsKey(STARTUP_MODE)) {
            // Flink's default, group-offsets, needs a consumer group: a query without one would
            // fail, so it reads from the earliest offset; a deployed pipeline starts from its
            // group's committed offsets, from the earliest on its first start.
            if (groupId.isEmpty() && !complete.containsKey(GROUP_ID)) {
                complete.put(STARTUP_MODE, "earliest-offset");
            } else if (!complete.containsKey(AUTO_OFFSET_RESET)) {
                complete.put(AUTO_OFFSET_RESET, "earliest");
            }
        }
        deadLetters(stored, complete);
        if (replay) {
            complete.keySet().removeIf(key -> key.startsWith("scan.startup."));
            complete.putAll(startup(replayFrom.get()));
        }
        return complete;
    }
}
