package dev.sluice.cli.testing;

import dev.sluice.policy.guard.GuardPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code sluice test}'s work: find the tests, run them, report. */
public final class PipelineTests {

    /** How to report. */
    public enum Format {
        TEXT,
        JUNIT,
        JSON
    }

    /** Bad usage or a bad fixture: exit 2, with this message. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private PipelineTests() {}

    /**
     * Runs the tests under {@code paths} whose name ({@code pipeline/test}) contains {@code
     * filter}.
     *
     * @return 0 when all passed, 1 when one failed
     * @throws UsageException for a path that holds no tests or a test that cannot run as written
     */
    public static int run(
            List<Path> paths,
            String filter,
            boolean update,
            Format format,
            GuardPolicy policy,
            PrintWriter out,
            PrintWriter err) {
        Map<String, PipelineTest> tests = new LinkedHashMap<>();
        for (Path path : paths) {
            List<PipelineTest> found;
            try {
                found = PipelineTest.find(path);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            found.stream()
                    .filter(t -> filter == null || t.name().contains(filter))
                    .forEach(t -> tests.putIfAbsent(t.dir().toString(), t));
        }
        if (tests.isEmpty()) {
            throw new UsageException(
                    filter == null
                            ? "no tests under %s: a test is tests/<pipeline>/<test>/ with input/<table>.jsonl and expected/<table>.jsonl (see the README's \"Testing pipelines\")"
                                    .formatted(paths)
                            : "no test under %s has '%s' in its name".formatted(paths, filter));
        }
        long started = System.nanoTime();
        PipelineTestRunner runner = new PipelineTestRunner(policy, update);
        List<TestResult> results = new ArrayList<>();
        for (PipelineTest test : tests.values()) {
            if (format == Format.TEXT) {
                err.printf("running %s …%n", test.name());
                err.flush();
            }
            try {
                results.add(runner.run(test));
            } catch (FixtureException e) {
                throw new UsageException(
                        "test %s cannot run: %s".formatted(test.name(), e.getMessage()));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        switch (format) {
            case JUNIT -> TestReports.junit(out, results, seconds);
            case JSON -> TestReports.json(out, results);
            default -> TestReports.text(out, results, seconds);
        }
        out.flush();
        return results.stream().allMatch(TestResult::passed) ? 0 : 1;
    }
}
