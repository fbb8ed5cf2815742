package dev.sluice.cli.testing;

import java.util.List;

/**
 * What one test found.
 *
 * @param failures why it failed (diffs, the job's error); empty when it passed
 * @param late records that arrived at or behind the watermark, each with where it is
 * @param deadLetters records the table could not decode, each with where it is and why
 * @param updated expected files {@code --update} rewrote
 */
record TestResult(
        String name,
        List<String> failures,
        List<String> late,
        List<String> deadLetters,
        List<String> updated,
        double seconds) {

    boolean passed() {
        return failures.isEmpty();
    }
}
