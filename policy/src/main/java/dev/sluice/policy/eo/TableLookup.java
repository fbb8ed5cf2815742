package dev.sluice.policy.eo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the options of a table as the session that runs a statement sees it. */
@FunctionalInterface
public interface TableLookup {

    /**
     * Returns the options of the table named by {@code identifier} (1, 2 or 3 parts, resolved
     * against the session's current catalog and database), or empty when there is no such table.
     */
    Optional<Map<String, String>> tableOptions(List<String> identifier);
}
