package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code sluice validate} on every golden SQL file: stdout must equal {@code NAME.validate.out}
 * beside it, and the exit code says whether there were errors.
 */
class ValidateGoldenTest {

    /** The golden files belong to the statement policy; the CLI must print exactly them. */
    private static final Path RESOURCES = Path.of("../policy/src/test/resources");

    static Stream<Path> cases() throws IOException {
        return Stream.of("guard", "validate")
                .flatMap(
                        dir -> {
                            try {
                                return Files.list(RESOURCES.resolve(dir));
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        })
                .filter(f -> f.toString().endsWith(".sql"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void printsTheGoldenFindingsAndExitsAccordingly(Path sql) throws IOException {
        Path expected =
                sql.resolveSibling(sql.getFileName().toString().replace(".sql", ".validate.out"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit =
                Main.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        "validate",
                        sql.toString());

        if (System.getProperty("sluice.golden.print") != null) {
            System.out.println("=== " + sql + "\n" + out);
        }
        String golden = Files.readString(expected);
        // The golden files name the statements as the policy module sees them.
        assertThat(out.toString().replace("../policy/", "")).isEqualTo(golden);
        assertThat(exit).isEqualTo(golden.contains(": [") ? 1 : 0);
        assertThat(err.toString()).contains("statement(s):");
    }
}
