package dev.sluice.catalog.store;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** A database as the store keeps it. */
public record StoredDatabase(
        String name, Optional<String> comment, Map<String, String> properties) {

    public StoredDatabase {
        requireNonNull(name, "name is null");
        requireNonNull(comment, "comment is null");
        properties = Map.copyOf(properties);
    }
}
