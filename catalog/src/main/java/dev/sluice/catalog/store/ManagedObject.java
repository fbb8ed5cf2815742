package dev.sluice.catalog.store;

import static java.util.Objects.requireNonNull;

/**
 * A catalog object that {@code sluice deploy} created from a file, and may therefore drop.
 *
 * @param kind {@code TABLE}, {@code VIEW} or {@code FUNCTION}
 */
public record ManagedObject(String database, String name, String kind, String file) {

    public ManagedObject {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(file, "file is null");
    }
}
