package dev.sluice.server.deploy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One SQL file of a deployed directory.
 *
 * @param path relative to the directory, with {@code /} separators: {@code pipelines/alerts.sql}
 * @param text its content
 */
public record ProjectFile(String path, String text) {

    public ProjectFile {
        requireNonNull(path, "path is null");
        requireNonNull(text, "text is null");
    }

    /** Every {@code .sql} file under {@code root}, by relative path; empty if there is none. */
    public static List<ProjectFile> read(Path root) {
        List<ProjectFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                files.add(new ProjectFile(relative, Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
        return List.copyOf(files);
    }
}
