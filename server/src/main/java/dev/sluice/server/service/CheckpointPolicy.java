package dev.sluice.server.service;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.eo.ExactlyOnceSettings;
import dev.sluice.policy.eo.StatementRejectedException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.TimeUtils;

/**
 * Checks that a job about to be submitted is checkpointed exactly-once: a Kafka sink commits its
 * transactions on checkpoints only, so without them its output stays invisible to read_committed
 * readers forever.
 */
final class CheckpointPolicy {

    private static final String INTERVAL = CheckpointingOptions.CHECKPOINTING_INTERVAL.key();
    private static final String MODE = CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE.key();

    private final ExactlyOnceSettings settings;

    CheckpointPolicy(ExactlyOnceSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** Session defaults: the options every new session starts with. */
    Map<String, String> sessionDefaults() {
        return Map.of(
                INTERVAL,
                TimeUtils.formatWithHighestUnit(settings.checkpointInterval()),
                MODE,
                "EXACTLY_ONCE");
    }

    void check(Map<String, String> sessionConfig, Configuration executionConfig)
            throws StatementRejectedException {
        Map<String, String> effective = new HashMap<>(sessionConfig);
        effective.putAll(executionConfig.toMap());
        String mode = effective.getOrDefault(MODE, "EXACTLY_ONCE");
        if (!mode.toUpperCase(Locale.ROOT).replace('-', '_').equals("EXACTLY_ONCE")) {
            throw new StatementRejectedException(
                    """
                    [exactly-once] this session sets '%s' = '%s'; Sluice deploys every pipeline \
                    exactly-once.
                      Fix: RESET '%s';"""
                            .formatted(MODE, mode, MODE));
        }
        String intervalText = effective.get(INTERVAL);
        Duration interval =
                intervalText == null ? Duration.ZERO : TimeUtils.parseDuration(intervalText);
        if (interval.isZero() || interval.isNegative()) {
            throw new StatementRejectedException(
                    """
                    [exactly-once] checkpointing is disabled in this session ('%s' = '%s'); Kafka \
                    sinks commit on \
                    checkpoints, so the output would never become visible.
                      Fix: RESET '%s'; (Sluice's default is %s)"""
                            .formatted(
                                    INTERVAL,
                                    intervalText,
                                    INTERVAL,
                                    TimeUtils.formatWithHighestUnit(
                                            settings.checkpointInterval())));
        }
        if (interval.compareTo(settings.transactionTimeout()) >= 0) {
            throw new StatementRejectedException(
                    """
                    [exactly-once] '%s' = '%s' is not shorter than the Kafka transaction timeout \
                    (%s); the \
                    broker would abort every transaction before its checkpoint commits it.
                      Fix: SET '%s' to less than %s."""
                            .formatted(
                                    INTERVAL,
                                    intervalText,
                                    TimeUtils.formatWithHighestUnit(settings.transactionTimeout()),
                                    INTERVAL,
                                    TimeUtils.formatWithHighestUnit(
                                            settings.transactionTimeout())));
        }
    }
}
