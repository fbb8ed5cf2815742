package dev.sluice.policy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of the golden files, rephrased every way {@link Mutations} knows, is still refused:
 * a check that can be skipped by rephrasing is not a check. A refusal case added to the golden
 * files later gets the mutations for free.
 */
class AdversarialCorpusTest {

    private static final Set<String> SAME_READING =
            Set.of("trailing ;;", "trailing ; -- c", "trailing ; /* c */", "trailing ;\\n;\\n");

    private final StatementGuard guard = new StatementGuard(GuardPolicy.defaults());

    @Test
    void everyMutantOfEveryRefusalIsRefused() throws Exception {
        List<String> refusals = GuardCorpus.refusals();
        List<String> passed = new ArrayList<>();
        int mutants = 0;
        for (String refusal : refusals) {
            Set<String> rules = errors(GuardReading.check(guard, refusal));
            for (Map.Entry<String, String> mutant : GuardCorpus.mutantsOf(refusal).entrySet()) {
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
        findings.stream().filter(Finding::isError).forEach(f -> rules.add(f.rule().id()));
        return rules;
    }
}
