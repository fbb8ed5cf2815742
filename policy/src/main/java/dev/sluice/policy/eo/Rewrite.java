package dev.sluice.policy.eo;

import static java.util.Objects.requireNonNull;

/**
 * A statement as the gateway will run it.
 *
 * @param statement the statement text, with Sluice's defaults spliced in
 * @param submitsJob whether running it starts a Flink job that must be checkpointed exactly-once
 */
public record Rewrite(String statement, boolean submitsJob) {

    public Rewrite {
        requireNonNull(statement, "statement is null");
    }
}
