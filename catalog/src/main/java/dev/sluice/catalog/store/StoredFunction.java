package dev.sluice.catalog.store;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A function as the store keeps it.
 *
 * @param resources jar and file URIs the function needs, each as {@code TYPE uri}
 */
public record StoredFunction(
        String database, String name, String className, String language, List<Resource> resources) {

    /** One resource of a function: its Flink resource type (JAR, FILE, ARCHIVE) and URI. */
    public record Resource(String type, String uri) {
        public Resource {
            requireNonNull(type, "type is null");
            requireNonNull(uri, "uri is null");
        }
    }

    public StoredFunction {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        requireNonNull(className, "className is null");
        requireNonNull(language, "language is null");
        resources = List.copyOf(resources);
    }
}
