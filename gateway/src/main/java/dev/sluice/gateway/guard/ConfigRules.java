package dev.sluice.gateway.guard;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.util.TimeUtils;

/**
 * Configuration keys a session may set ({@code SET}, session properties, per-statement config). An
 * allowlist: keys that pick the cluster, ship jars or code, or choose files are the operator's.
 */
final class ConfigRules {

    static final String CONFIG_RULE = "security-config";
    static final String EXACTLY_ONCE_RULE = "exactly-once";

    private static final String INTERVAL = "execution.checkpointing.interval";
    private static final String MODE = "execution.checkpointing.mode";

    private static final List<String> ALLOWED_PREFIXES =
            List.of("table.", "sql-client.", "restart-strategy.", "execution.checkpointing.");
    private static final Set<String> ALLOWED_KEYS =
            Set.of(
                    "parallelism.default",
                    "pipeline.name",
                    "pipeline.auto-watermark-interval",
                    "pipeline.max-parallelism",
                    "pipeline.object-reuse",
                    "pipeline.operator-chaining.enabled",
                    "execution.runtime-mode",
                    "execution.buffer-timeout.enabled",
                    "execution.buffer-timeout.interval",
                    "state.backend.type");
    private static final Set<String> FORBIDDEN_KEYS =
            Set.of(
                    "table.resources.download-dir",
                    "execution.checkpointing.dir",
                    "execution.checkpointing.savepoint-dir",
                    "table.plan.compile.catalog-objects");

    Optional<Finding> check(String key, String value, int line, int column) {
        String lowerKey = key.toLowerCase(Locale.ROOT);
        if (!allowed(lowerKey)) {
            return Optional.of(
                    Finding.error(
                            CONFIG_RULE,
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
                            EXACTLY_ONCE_RULE,
                            line,
                            column,
                            "'%s' = '%s' would weaken every pipeline of this session below exactly-once"
                                    .formatted(key, value),
                            "leave '%s' at 'EXACTLY_ONCE'".formatted(MODE)));
        }
        if (lowerKey.equals(INTERVAL) && disablesCheckpoints(value)) {
            return Optional.of(
                    Finding.error(
                            EXACTLY_ONCE_RULE,
                            line,
                            column,
                            "'%s' = '%s' disables checkpoints; Kafka sinks commit on checkpoints only, so no output would ever become visible"
                                    .formatted(key, value),
                            "set a positive interval such as '1s', or RESET '%s'"
                                    .formatted(INTERVAL)));
        }
        return Optional.empty();
    }

    private static boolean allowed(String key) {
        if (FORBIDDEN_KEYS.contains(key)) {
            return false;
        }
        return ALLOWED_KEYS.contains(key) || ALLOWED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static String why(String key) {
        if (key.startsWith("pipeline.jars") || key.startsWith("pipeline.classpaths")) {
            return "would ship jars, that is code, to the cluster";
        }
        if (key.startsWith("python.")) {
            return "configures Python code execution";
        }
        if (key.contains("dir") || key.contains("path") || key.contains("file")) {
            return "chooses where files are read or written";
        }
        if (key.startsWith("execution.target")
                || key.startsWith("rest.")
                || key.startsWith("jobmanager.")) {
            return "chooses which cluster jobs run on";
        }
        return "is not on the list of options sessions may change";
    }

    private static boolean disablesCheckpoints(String value) {
        try {
            Duration interval = TimeUtils.parseDuration(value.strip());
            return interval.isZero() || interval.isNegative();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
