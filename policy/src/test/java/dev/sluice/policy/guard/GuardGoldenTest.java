package dev.sluice.policy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.policy.sql.SqlScript;
import dev.sluice.policy.sql.SqlStatement;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each {@code guard/NAME.sql} test resource and, beside it, {@code NAME.out} with
 * exactly what the guard reports for it, in the format users see.
 */
class GuardGoldenTest {

    private final StatementGuard guard = new StatementGuard(GuardPolicy.defaults());

    static Stream<Path> cases() throws IOException, URISyntaxException {
        return GuardCorpus.files();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reportsExactlyTheGoldenFindings(Path sql) throws IOException {
        String name = sql.getFileName().toString();
        Path expected = sql.resolveSibling(name.replace(".sql", ".out"));

        String actual = render("guard/" + name, Files.readString(sql));

        if (System.getProperty("sluice.golden.print") != null) {
            System.out.println("=== " + name + "\n" + actual);
        }
        assertThat(actual).isEqualTo(Files.readString(expected));
    }

    private String render(String label, String sql) {
        List<String> lines = new ArrayList<>();
        for (SqlStatement statement : SqlScript.split(label, sql)) {
            GuardReading.check(guard, statement.text())
                    .forEach(f -> lines.add(f.render(statement)));
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
