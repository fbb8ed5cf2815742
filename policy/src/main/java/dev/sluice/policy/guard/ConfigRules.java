package dev.sluice.policy.guard;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.util.TimeUtils;

/**
 * Configuration keys a session may set ({@code SET}, session properties, per-statement config). An
 * allowlist: keys that pick the cluster, ship jars or code, choose files, restart jobs or reserve
 * the cluster's slots are the operator's, and so are Flink's and Sluice's internal keys.
 */
final class ConfigRules {

    private static final String INTERVAL = "execution.checkpointing.interval";
    private static final String MODE = "execution.checkpointing.mode";
    private static final String TIMEOUT = "execution.checkpointing.timeout";
    private static final String MIN_PAUSE = "execution.checkpointing.min-pause";
    private static final Duration SHORTEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);
    private static final Set<String> PARALLELISM_KEYS =
            Set.of("parallelism.default", "table.exec.resource.default-parallelism");

    private static final List<String> ALLOWED_PREFIXES =
            List.of("table.exec.", "table.optimizer.", "table.display.", "sql-client.");
    private static final Set<String> ALLOWED_KEYS =
            Set.of(
                    "parallelism.default",
                    "pipeline.name",
                    "pipeline.auto-watermark-interval",
                    "pipeline.max-parallelism",
                    "pipeline.object-reuse",
                    "sluice.window.hop.per-key-state",
                    "pipeline.operator-chaining.enabled",
                    "execution.runtime-mode",
                    "execution.buffer-timeout.enabled",
                    "execution.buffer-timeout.interval",
                    "state.backend.type",
                    "table.local-time-zone",
                    "table.dml-sync",
                    "table.dynamic-table-options.enabled",
                    "table.sql-dialect",
                    "table.generated-code.max-length",
                    "table.column-expansion-strategy",
                    INTERVAL,
                    MODE,
                    TIMEOUT,
                    MIN_PAUSE,
                    "execution.checkpointing.max-concurrent-checkpoints",
                    "execution.checkpointing.tolerable-failed-checkpoints",
                    "execution.checkpointing.unaligned.enabled",
                    "execution.checkpointing.aligned-checkpoint-timeout");
    private static final List<String> STATE_BACKENDS = List.of("hashmap", "rocksdb", "forst");
    private static final List<String> FILE_WORDS = List.of("dir", "path", "file", "location");

    private final GuardPolicy policy;

    ConfigRules(GuardPolicy policy) {
        this.policy = requireNonNull(policy, "policy is null");
    }

    Optional<Finding> check(String key, String value, int line, int column) {
        String lowerKey = key.toLowerCase(Locale.ROOT).strip();
        if (!allowed(lowerKey)) {
            return Optional.of(
                    Finding.error(
                            Rule.SECURITY_CONFIG,
                            line,
                            column,
                            "'%s' may not be set from a session: it %s"
                                    .formatted(key, why(lowerKey)),
                            "remove it; the operator configures it on the gateway"));
        }
        if (lowerKey.equals(MODE)
                && !value.toUpperCase(Locale.ROOT).replace('-', '_').equals("EXACTLY_ONCE")) {
            return Optional.of(
                    Finding.error(
                            Rule.EXACTLY_ONCE,
                            line,
                            column,
                            "'%s' = '%s' would weaken every pipeline of this session below exactly-once"
                                    .formatted(key, value),
                            "leave '%s' at 'EXACTLY_ONCE'".formatted(MODE)));
        }
        if (lowerKey.equals(INTERVAL) && duration(value).isEmpty()) {
            return Optional.of(
                    Finding.error(
                            Rule.EXACTLY_ONCE,
                            line,
                            column,
                            "'%s' = '%s' is not a duration".formatted(key, value),
                            "write it like '1s' or '500 ms'"));
        }
        if (lowerKey.equals("state.backend.type")
                && !STATE_BACKENDS.contains(value.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of(
                    Finding.error(
                            Rule.SECURITY_CONFIG,
                            line,
                            column,
                            "'%s' = '%s' is not one of the state backends %s"
                                    .formatted(key, value, STATE_BACKENDS),
                            "choose one of %s".formatted(STATE_BACKENDS)));
        }
        if (lowerKey.equals(INTERVAL) && disablesCheckpoints(value)) {
            return Optional.of(
                    Finding.error(
                            Rule.EXACTLY_ONCE,
                            line,
                            column,
                            "'%s' = '%s' disables checkpoints; Kafka sinks commit on checkpoints only, so no output would ever become visible"
                                    .formatted(key, value),
                            "set a positive interval such as '1s', or RESET '%s'"
                                    .formatted(INTERVAL)));
        }
        if ((lowerKey.equals(TIMEOUT)
                        && duration(value).map(d -> d.compareTo(SHORTEST_TIMEOUT) < 0).orElse(true))
                || (lowerKey.equals(MIN_PAUSE)
                        && duration(value).map(d -> d.compareTo(LONGEST_PAUSE) > 0).orElse(true))) {
            return Optional.of(
                    Finding.error(
                            Rule.EXACTLY_ONCE,
                            line,
                            column,
                            "'%s' = '%s' would keep checkpoints from completing, and Kafka sinks commit on checkpoints only"
                                    .formatted(key, value),
                            "keep '%s' at least %s and '%s' at most %s, or RESET it"
                                    .formatted(TIMEOUT, "10 s", MIN_PAUSE, "1 min")));
        }
        if (PARALLELISM_KEYS.contains(lowerKey)) {
            return parallelism(key, value, line, column);
        }
        if (lowerKey.equals("table.sql-dialect") && !value.strip().equalsIgnoreCase("default")) {
            return Optional.of(
                    Finding.error(
                            Rule.SECURITY_CONFIG,
                            line,
                            column,
                            "'%s' = '%s': the gateway reads statements in Flink's default dialect only"
                                    .formatted(key, value),
                            "RESET '%s'".formatted(key)));
        }
        return Optional.empty();
    }

    private Optional<Finding> parallelism(String key, String value, int line, int column) {
        return parallelism(policy, key, value, key.startsWith("table."), line, column);
    }

    /**
     * A parallelism from 1 to the policy's maximum; -1 (Flink's "use the default") where {@code
     * defaultAllowed}. Shared by session settings and table options.
     */
    static Optional<Finding> parallelism(
            GuardPolicy policy,
            String key,
            String value,
            boolean defaultAllowed,
            int line,
            int column) {
        int parallelism;
        try {
            parallelism = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            parallelism = Integer.MAX_VALUE;
        }
        boolean flinkDefault = parallelism == -1 && defaultAllowed;
        if (flinkDefault || (parallelism >= 1 && parallelism <= policy.maxParallelism())) {
            return Optional.empty();
        }
        return Optional.of(
                Finding.error(
                        Rule.RESOURCES,
                        line,
                        column,
                        "'%s' = '%s': a job on this gateway may use 1 to %d parallel tasks, so that one job cannot take the slots of every other"
                                .formatted(key, value, policy.maxParallelism()),
                        "choose a parallelism from 1 to %d, or ask the operator to raise --max-parallelism"
                                .formatted(policy.maxParallelism())));
    }

    private static boolean allowed(String key) {
        if (key.startsWith("$internal.") || FILE_WORDS.stream().anyMatch(key::contains)) {
            return false;
        }
        return ALLOWED_KEYS.contains(key) || ALLOWED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static String why(String key) {
        if (key.startsWith("$internal.")) {
            return "is internal to Flink and Sluice (it could make a statement run as another pipeline's job)";
        }
        if (key.startsWith("pipeline.jars") || key.startsWith("pipeline.classpaths")) {
            return "would ship jars, that is code, to the cluster";
        }
        if (key.startsWith("python.")) {
            return "configures Python code execution";
        }
        if (FILE_WORDS.stream().anyMatch(key::contains)) {
            return "chooses where files are read or written";
        }
        if (key.startsWith("execution.target")
                || key.startsWith("rest.")
                || key.startsWith("jobmanager.")
                || key.startsWith("execution.attached")) {
            return "chooses which cluster jobs run on";
        }
        if (key.startsWith("restart-strategy.")) {
            return "decides how often a failing job restarts, which can wear the cluster down";
        }
        if (key.startsWith("table.catalog-store.")) {
            return "chooses where catalogs are stored";
        }
        return "is not on the list of options sessions may change";
    }

    private static boolean disablesCheckpoints(String value) {
        return duration(value).map(d -> d.isZero() || d.isNegative()).orElse(true);
    }

    private static Optional<Duration> duration(String value) {
        try {
            return Optional.of(TimeUtils.parseDuration(value.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
