package dev.sluice.policy.eo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Table options that Sluice reads and Flink never sees: they start with {@code sluice.}, are kept
 * in the stored definition as the user wrote them, and are taken out when a table is read, before
 * its connector looks at its options.
 *
 * <ul>
 *   <li>{@code sluice.topic.partitions}: partitions of the topic Sluice creates for the table
 *       (default: the gateway's {@code --topic-partitions});
 *   <li>{@code sluice.topic.replication-factor}: its replication factor (default: the broker's);
 *   <li>{@code sluice.on-error}: what becomes of a record the table's format cannot decode: {@code
 *       dead-letter} (default: written to the dead-letter topic), {@code skip} (counted, dropped)
 *       or {@code fail} (the job fails, as in plain Flink);
 *   <li>{@code sluice.dead-letter.topic}: the dead-letter topic (default: the table's topic +
 *       {@code .dlq}).
 * </ul>
 */
public final class SluiceOptions {

    public static final String PREFIX = "sluice.";
    public static final String TOPIC_PARTITIONS = "sluice.topic.partitions";
    public static final String TOPIC_REPLICATION = "sluice.topic.replication-factor";
    public static final String ON_ERROR = "sluice.on-error";
    public static final String DEAD_LETTER_TOPIC = "sluice.dead-letter.topic";

    /** Every option Sluice knows, in the order the README lists them. */
    public static final List<String> KNOWN =
            List.of(TOPIC_PARTITIONS, TOPIC_REPLICATION, ON_ERROR, DEAD_LETTER_TOPIC);

    /** The values of {@link #ON_ERROR}. */
    public static final List<String> ON_ERROR_VALUES = List.of("dead-letter", "skip", "fail");

    /** What Kafka accepts as a topic name. */
    private static final java.util.regex.Pattern TOPIC_NAME =
            java.util.regex.Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Kafka's limit on partitions per topic is the broker's; this is a sanity bound. */
    private static final int MAX_PARTITIONS = 10_000;

    private static final short MAX_REPLICATION = 32;

    private SluiceOptions() {}

    public static boolean isSluiceOption(String key) {
        return key.toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    /** The options without Sluice's own: what the table's connector gets. */
    public static Map<String, String> withoutSluiceOptions(Map<String, String> options) {
        if (options.keySet().stream().noneMatch(SluiceOptions::isSluiceOption)) {
            return options;
        }
        Map<String, String> connectorOptions = new LinkedHashMap<>(options);
        connectorOptions.keySet().removeIf(SluiceOptions::isSluiceOption);
        return connectorOptions;
    }

    /**
     * What is wrong with a Sluice option, as "message" and "fix", or empty when it is fine.
     *
     * @return a two-element list: what is wrong, and what to do
     */
    public static Optional<List<String>> problem(String key, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (!KNOWN.contains(key)) {
            return Optional.of(
                    KNOWN.contains(lower)
                            ? List.of(
                                    "'%s' is not a Sluice table option: option keys are case-sensitive"
                                            .formatted(key),
                                    "write '%s'".formatted(lower))
                            : List.of(
                                    "'%s' is not a Sluice table option".formatted(key),
                                    "use one of " + KNOWN + ", or remove it"));
        }
        if (lower.equals(TOPIC_PARTITIONS) && parse(value, 1, MAX_PARTITIONS).isEmpty()) {
            return Optional.of(
                    List.of(
                            "'%s' = '%s' is not a number of partitions".formatted(key, value),
                            "use a whole number from 1 to " + MAX_PARTITIONS));
        }
        if (lower.equals(TOPIC_REPLICATION) && parse(value, 1, MAX_REPLICATION).isEmpty()) {
            return Optional.of(
                    List.of(
                            "'%s' = '%s' is not a replication factor".formatted(key, value),
                            "use a whole number from 1 to "
                                    + MAX_REPLICATION
                                    + " (at most the number of brokers), or remove it for the broker's default"));
        }
        if (lower.equals(ON_ERROR) && !ON_ERROR_VALUES.contains(value.strip())) {
            return Optional.of(
                    List.of(
                            "'%s' = '%s' is not a policy for bad records".formatted(key, value),
                            "use one of " + ON_ERROR_VALUES));
        }
        if (lower.equals(DEAD_LETTER_TOPIC)
                && (!TOPIC_NAME.matcher(value).matches()
                        || value.equals(".")
                        || value.equals(".."))) {
            return Optional.of(
                    List.of(
                            "'%s' = '%s' is not a Kafka topic name".formatted(key, value),
                            "use 1 to 249 letters, digits, '.', '_' or '-'"));
        }
        return Optional.empty();
    }

    /** {@code dead-letter}, {@code skip} or {@code fail}: the table's policy for bad records. */
    public static String onError(Map<String, String> options) {
        String value = options.getOrDefault(ON_ERROR, "dead-letter").strip();
        return ON_ERROR_VALUES.contains(value) ? value : "dead-letter";
    }

    /** The partitions the table asks for, if it does (and the value is valid). */
    public static OptionalInt partitions(Map<String, String> options) {
        return parse(options.get(TOPIC_PARTITIONS), 1, MAX_PARTITIONS);
    }

    /** The replication factor the table asks for, if it does (and the value is valid). */
    public static OptionalInt replication(Map<String, String> options) {
        return parse(options.get(TOPIC_REPLICATION), 1, MAX_REPLICATION);
    }

    private static OptionalInt parse(String value, int min, int max) {
        if (value == null || !value.strip().matches("\\d{1,6}")) {
            return OptionalInt.empty();
        }
        int n = Integer.parseInt(value.strip());
        return n < min || n > max ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
