package dev.sluice.policy.eo;

import java.util.Map;

/**
 * Flink options Sluice chooses for streaming SQL on Kafka, where they differ from Flink's defaults:
 * every gateway session starts with them (a session may still SET another value), and {@code sluice
 * test} runs pipelines with them, so a test runs the job as it is deployed. None of them changes a
 * result; each is measured in {@code bench/} ({@code CompareBenchmark}).
 */
public final class EngineDefaults {

    /**
     * {@code pipeline.object-reuse}: chained operators hand records on without a defensive copy
     * each. Flink's SQL operators copy what they keep (state, buffers, joins), so only the copies
     * nobody needed go away; Flink's own Nexmark setup runs with it.
     */
    public static final String OBJECT_REUSE = "pipeline.object-reuse";

    private static final Map<String, String> SESSION = Map.of(OBJECT_REUSE, "true");

    private EngineDefaults() {}

    /** The options every session starts with. */
    public static Map<String, String> session() {
        return SESSION;
    }
}
