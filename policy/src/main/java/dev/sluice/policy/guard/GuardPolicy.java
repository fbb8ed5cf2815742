package dev.sluice.policy.guard;

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
 * @param maxParallelism the most parallel tasks one job may ask for (session parallelism, table
 *     parallelism options), so that one statement cannot take every slot of the cluster
 * @param maxStatementLength the longest statement the gateway reads, in characters
 * @param loginModules JAAS login modules Kafka tables may name in {@code
 *     properties.sasl.jaas.config}; others (Kerberos with its keytab files, JNDI, any class of the
 *     statement's choosing) are refused
 */
public record GuardPolicy(
        Set<String> connectors,
        List<Path> fileRoots,
        int maxParallelism,
        int maxStatementLength,
        Set<String> loginModules) {

    /** {@code print} is not among them: its rows go to the operator's console and log. */
    public static final Set<String> DEFAULT_CONNECTORS =
            Set.of("kafka", "upsert-kafka", "datagen", "blackhole");

    public static final int DEFAULT_MAX_PARALLELISM = 4;
    public static final int DEFAULT_MAX_STATEMENT_LENGTH = 1 << 20;
    public static final Set<String> DEFAULT_LOGIN_MODULES =
            Set.of(
                    "org.apache.kafka.common.security.plain.PlainLoginModule",
                    "org.apache.kafka.common.security.scram.ScramLoginModule");

    public GuardPolicy {
        connectors = Set.copyOf(connectors);
        fileRoots = fileRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        loginModules = Set.copyOf(loginModules);
        if (maxParallelism < 1 || maxStatementLength < 1) {
            throw new IllegalArgumentException(
                    "maxParallelism and maxStatementLength must be positive");
        }
    }

    public GuardPolicy(Set<String> connectors, List<Path> fileRoots) {
        this(
                connectors,
                fileRoots,
                DEFAULT_MAX_PARALLELISM,
                DEFAULT_MAX_STATEMENT_LENGTH,
                DEFAULT_LOGIN_MODULES);
    }

    public static GuardPolicy defaults() {
        return new GuardPolicy(DEFAULT_CONNECTORS, List.of());
    }

    /** The same policy with another parallelism limit. */
    public GuardPolicy withMaxParallelism(int parallelism) {
        return new GuardPolicy(
                connectors, fileRoots, parallelism, maxStatementLength, loginModules);
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
