package dev.sluice.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One test of a pipeline: {@code tests/<pipeline>/<test>/} of a project, with {@code
 * input/<table>.jsonl} per source table and {@code expected/<table>.jsonl} per sink table.
 */
record PipelineTest(Path project, String pipeline, String test, Path dir) {

    String name() {
        return pipeline + "/" + test;
    }

    /** Where a file of this test is, as reports name it: relative to the working directory. */
    String label(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return absolute.startsWith(here)
                ? here.relativize(absolute).toString()
                : absolute.toString();
    }

    Path input() {
        return dir.resolve("input");
    }

    Path expected() {
        return dir.resolve("expected");
    }

    /**
     * The tests under {@code path}: a project (with {@code tests/}), its {@code tests/} folder, a
     * pipeline's folder in it or one test's folder.
     *
     * @throws IllegalArgumentException when {@code path} is none of these
     */
    static List<PipelineTest> find(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(
                    "%s is not a directory; name a project (such as sql) or a folder under its tests/"
                            .formatted(path));
        }
        Path project = absolute;
        while (project != null && !Files.isDirectory(project.resolve("pipelines"))) {
            project = project.getParent();
        }
        if (project == null) {
            throw new IllegalArgumentException(
                    "%s is not in a Sluice project: no pipelines/ folder here or above"
                            .formatted(path));
        }
        Path tests = project.resolve("tests");
        if (!absolute.startsWith(tests) && !absolute.equals(project)) {
            throw new IllegalArgumentException(
                    "%s is neither the project %s nor a folder under its tests/"
                            .formatted(path, project));
        }
        List<PipelineTest> found = new ArrayList<>();
        if (!Files.isDirectory(tests)) {
            return found;
        }
        try (Stream<Path> dirs = Files.walk(tests, 2)) {
            for (Path dir : dirs.sorted(Comparator.naturalOrder()).toList()) {
                Path relative = tests.relativize(dir);
                if (relative.getNameCount() == 2
                        && Files.isDirectory(dir)
                        && dir.startsWith(absolute.startsWith(tests) ? absolute : tests)
                        && (Files.isDirectory(dir.resolve("input"))
                                || Files.isDirectory(dir.resolve("expected")))) {
                    found.add(
                            new PipelineTest(
                                    project,
                                    relative.getName(0).toString(),
                                    relative.getName(1).toString(),
                                    dir));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (absolute.startsWith(tests)
                && tests.relativize(absolute).getNameCount() == 2
                && found.isEmpty()) {
            throw new IllegalArgumentException(
                    "%s has no input/ or expected/ folder; a test is tests/<pipeline>/<test>/ with input/<table>.jsonl and expected/<table>.jsonl"
                            .formatted(path));
        }
        return found;
    }
}
