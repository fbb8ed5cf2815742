package dev.sluice.policy.guard;

import dev.sluice.policy.admission.StatementReader;
import dev.sluice.policy.admission.UnreadableStatementException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.delegation.Parser;
import org.apache.flink.table.operations.command.SetOperation;

/** The guard as the gateway runs it, offline: the text read once, then the rules. */
public final class GuardReading {

    private static final Parser FLINK =
            ((TableEnvironmentInternal)
                            TableEnvironment.create(EnvironmentSettings.inStreamingMode()))
                    .getParser();

    private GuardReading() {}

    /** The key and value of a {@code SET} statement, as Flink reads it. */
    public static Optional<Map.Entry<String, String>> setting(String text) {
        try {
            return new StatementReader(1 << 20)
                    .read(text, FLINK)
                    .command()
                    .filter(SetOperation.class::isInstance)
                    .map(SetOperation.class::cast)
                    .filter(set -> set.getKey().isPresent())
                    .map(set -> Map.entry(set.getKey().get(), set.getValue().orElse("")));
        } catch (UnreadableStatementException e) {
            return Optional.empty();
        }
    }

    public static List<Finding> check(StatementGuard guard, String text) {
        try {
            return guard.check(
                    new StatementReader(guard.policy().maxStatementLength()).read(text, FLINK));
        } catch (UnreadableStatementException e) {
            return List.of(e.finding());
        }
    }
}
