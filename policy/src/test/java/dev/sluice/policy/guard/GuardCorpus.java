package dev.sluice.policy.guard;

import dev.sluice.policy.sql.SqlScript;
import dev.sluice.policy.sql.SqlStatement;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The golden guard files ({@code guard/*.sql} of this module's test resources) as a corpus: the
 * files, the statements the guard refuses, and their mutants. The end-to-end security tests replay
 * the same corpus through every entry point of a running gateway.
 */
public final class GuardCorpus {

    /** Mutations that move a statement's options elsewhere: they keep option refusals only. */
    private static final Set<String> MOVE_OPTIONS =
            Set.of("ALTER TABLE SET", "OPTIONS hint", "CTAS", "view over a hint");

    private static final Set<String> OPTION_RULES =
            Set.of(
                    "security-connector",
                    "security-files",
                    "security-properties",
                    "resources",
                    "exactly-once",
                    "sluice-option");

    private GuardCorpus() {}

    /**
     * The golden {@code .sql} files, sorted. Found on the file system: from this module's test
     * classes, or under {@code sluice.home} when another module's tests read them.
     */
    public static Stream<Path> files() throws IOException, URISyntaxException {
        String home = System.getProperty("sluice.home");
        Path dir =
                home != null
                        ? Path.of(home, "policy", "src", "test", "resources", "guard")
                        : Path.of(GuardCorpus.class.getResource("/guard").toURI());
        return Files.list(dir).filter(f -> f.toString().endsWith(".sql")).sorted();
    }

    /**
     * The mutants of a refusal that must be refused too: all of them, except that mutations moving
     * the options elsewhere apply only to refusals because of an option.
     */
    public static Map<String, String> mutantsOf(String refusal) {
        StatementGuard guard = new StatementGuard(GuardPolicy.defaults());
        boolean optionRefusal =
                errors(GuardReading.check(guard, refusal)).stream()
                        .anyMatch(OPTION_RULES::contains);
        Map<String, String> mutants = new java.util.LinkedHashMap<>(Mutations.of(refusal));
        if (!optionRefusal) {
            mutants.keySet().removeAll(MOVE_OPTIONS);
        }
        return mutants;
    }

    /** The statements of the golden files that the guard refuses. */
    public static List<String> refusals() throws IOException, URISyntaxException {
        StatementGuard guard = new StatementGuard(GuardPolicy.defaults());
        List<String> refused = new ArrayList<>();
        try (Stream<Path> files = files()) {
            for (Path file : files.toList()) {
                for (SqlStatement statement :
                        SqlScript.split(file.toString(), Files.readString(file))) {
                    if (errors(GuardReading.check(guard, statement.text())).size() > 0) {
                        refused.add(statement.text());
                    }
                }
            }
        }
        return refused;
    }

    private static Set<String> errors(List<Finding> findings) {
        Set<String> rules = new TreeSet<>();
        findings.stream().filter(Finding::isError).forEach(f -> rules.add(f.rule().id()));
        return rules;
    }
}
