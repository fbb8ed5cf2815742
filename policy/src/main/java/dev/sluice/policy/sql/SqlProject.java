package dev.sluice.policy.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pipelines as code: a directory of SQL files, run in a fixed order so that objects exist before
 * they are used: {@code tables/}, {@code functions/}, {@code views/}, then {@code pipelines/};
 * files within a folder in name order.
 */
public final class SqlProject {

    public static final List<String> FOLDERS = List.of("tables", "functions", "views", "pipelines");

    private SqlProject() {}

    /** All statements of the project in run order, labelled with their file's path. */
    public static List<SqlStatement> load(Path root) {
        return load(root, FOLDERS);
    }

    /** The statements of some of the project's folders, in run order. */
    public static List<SqlStatement> load(Path root, List<String> folders) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(
                    "SQL directory %s does not exist (pass --sql-dir)".formatted(root));
        }
        List<SqlStatement> statements = new ArrayList<>();
        for (String folder : folders) {
            for (Path file : sqlFiles(root.resolve(folder))) {
                String label = root.getFileName() + "/" + root.relativize(file);
                statements.addAll(SqlScript.read(file, label));
            }
        }
        return List.copyOf(statements);
    }

    private static List<Path> sqlFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
