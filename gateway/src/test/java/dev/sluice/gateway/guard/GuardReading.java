package dev.sluice.gateway.guard;

import dev.sluice.gateway.admission.StatementReader;
import dev.sluice.gateway.admission.UnreadableStatementException;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.delegation.Parser;

/** The guard as the gateway runs it, offline: the text read once, then the rules. */
final class GuardReading {

    private static final Parser FLINK =
            ((TableEnvironmentInternal)
                            TableEnvironment.create(EnvironmentSettings.inStreamingMode()))
                    .getParser();

    private GuardReading() {}

    static List<Finding> check(StatementGuard guard, String text) {
        try {
            return guard.check(
                    new StatementReader(guard.policy().maxStatementLength()).read(text, FLINK));
        } catch (UnreadableStatementException e) {
            return List.of(e.finding());
        }
    }
}
