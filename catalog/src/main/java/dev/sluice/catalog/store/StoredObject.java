package dev.sluice.catalog.store;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A table or view as the store keeps it: Flink's own catalog property format, so that every part of
 * the schema (computed and metadata columns, watermarks, keys, comments) survives.
 *
 * @param version incremented by every change; an update names the version it replaces
 */
public record StoredObject(
        String database, String name, Kind kind, Map<String, String> definition, long version) {

    /** What the object is. */
    public enum Kind {
        TABLE,
        VIEW
    }

    public StoredObject {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        definition = Map.copyOf(definition);
    }
}
