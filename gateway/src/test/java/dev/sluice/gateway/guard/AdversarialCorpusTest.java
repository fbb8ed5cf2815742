package dev.sluice.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.sql.SqlScript;
import dev.sluice.gateway.sql.SqlStatement;
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
import org.junit.jupiter.api.Test;

/**
 * Every refusal of the golden files, rephrased every way {@link Mutations} knows, is still refused:
 * a check that can be skipped by rephrasing is not a check. A refusal case added to the golden
 * files later gets the mutations for free.
 */
class AdversarialCorpusTest {

    private static final Set<String> SAME_READING =
            Set.of("trailing ;;", "trailing ; -- c", "trailing ; /* c */", "trailing ;\\n;\\n");

    /** Mutations that move a statement's options elsewhere: they keep option refusals only. */
    private static final Set<String> MOVE_OPTIONS =
            Set.of("ALTER TABLE SET", "OPTIONS hint", "CTAS", "view over a hint");

    private static final Set<String> OPTION_RULES =
            Set.of(
                    "security-connector",
                    "security-files",
                    "security-properties",
                    "resources",
                    "exactly-once");

    private final StatementGuard guard = new StatementGuard(GuardPolicy.defaults());

    /**
     * The mutants of a refusal that must be refused too: all of them, except that mutations moving
     * the options elsewhere apply only to refusals because of an option.
     */
    static Map<String, String> mutantsOf(String refusal) {
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
    static List<String> refusals() throws IOException, URISyntaxException {
        StatementGuard guard = new StatementGuard(GuardPolicy.defaults());
        List<String> refused = new ArrayList<>();
        try (Stream<Path> files = GuardGoldenTest.cases()) {
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

    @Test
    void everyMutantOfEveryRefusalIsRefused() throws Exception {
        List<String> refusals = refusals();
        List<String> passed = new ArrayList<>();
        int mutants = 0;
        for (String refusal : refusals) {
            Set<String> rules = errors(GuardReading.check(guard, refusal));
            for (Map.Entry<String, String> mutant : mutantsOf(refusal).entrySet()) {
                mutants++;
                Set<String> mutantRules = errors(GuardReading.check(guard, mutant.getValue()));
                if (mutantRules.isEmpty()) {
                    passed.add(mutant.getKey() + ": " + mutant.getValue());
                } else if (SAME_READING.contains(mutant.getKey())
                        && !rules.contains("sql-syntax")
                        && !refusal.matches("(?is)\\s*SET\\s+[^'].*")) {
                    assertThat(mutantRules).as(mutant.getValue()).isEqualTo(rules);
                }
            }
        }

        System.out.printf(
                "adversarial corpus: %d refusals, %d mutants%n", refusals.size(), mutants);
        assertThat(passed).as("mutants the guard let through").isEmpty();
        assertThat(refusals).hasSizeGreaterThan(30);
        assertThat(mutants).isGreaterThan(400);
    }

    private static Set<String> errors(List<Finding> findings) {
        Set<String> rules = new TreeSet<>();
        findings.stream().filter(Finding::isError).forEach(f -> rules.add(f.rule()));
        return rules;
    }
}
