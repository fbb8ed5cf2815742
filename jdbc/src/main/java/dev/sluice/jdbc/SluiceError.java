package dev.sluice.jdbc;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the driver's exceptions add to {@link java.sql.SQLException}: where in the statement the
 * gateway found the problem and, for Sluice's own checks, which rule and the fix. Cast, or use
 * {@code unwrap}-style {@code if (e instanceof SluiceError error)}.
 */
public interface SluiceError {

    /** The line of the statement (1-based), when the gateway named one. */
    OptionalInt line();

    /** The column of the statement (1-based), when the gateway named one. */
    OptionalInt column();

    /** Sluice's rule id ({@code security-files}, {@code sluice-option}, …) for its refusals. */
    Optional<String> rule();

    /** How to fix the statement, for Sluice's refusals. */
    Optional<String> fix();
}
