package dev.sluice.gateway.guard;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the operator allows statements to do; everything else is refused.
 *
 * @param connectors table connectors statements may use
 * @param fileRoots directories that filesystem paths (tables, plans) may lie under; none by
 *     default, so no statement touches local files
 */
public record GuardPolicy(Set<String> connectors, List<Path> fileRoots) {

    public static final Set<String> DEFAULT_CONNECTORS =
            Set.of("kafka", "upsert-kafka", "datagen", "blackhole", "print");

    public GuardPolicy {
        connectors = Set.copyOf(connectors);
        fileRoots = fileRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public static GuardPolicy defaults() {
        return new GuardPolicy(DEFAULT_CONNECTORS, List.of());
    }

    /** Whether {@code path} (a local path or file: URI) lies under an allowed root. */
    boolean allowsPath(String path) {
        requireNonNull(path, "path is null");
        String local = path.startsWith("file://") ? path.substring("file://".length()) : path;
        if (local.contains("://") || local.startsWith("file:")) {
            return false;
        }
        Path normalized = Path.of(local).toAbsolutePath().normalize();
        return fileRoots.stream().anyMatch(normalized::startsWith);
    }

    String describeRoots() {
        return fileRoots.isEmpty()
                ? "no directory is allowed; the operator can allow some with --allow-files DIR"
                : "allowed directories: " + fileRoots;
    }
}
