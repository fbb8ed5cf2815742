package dev.sluice.policy.admission;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.Failures;
import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.Rule;
import dev.sluice.policy.sql.FlinkSqlParsing;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.flink.sql.parser.ddl.SqlReset;
import org.apache.flink.sql.parser.ddl.SqlSet;
import org.apache.flink.table.delegation.Parser;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.command.ClearOperation;
import org.apache.flink.table.operations.command.HelpOperation;
import org.apache.flink.table.operations.command.QuitOperation;
import org.apache.flink.table.operations.command.ResetOperation;
import org.apache.flink.table.operations.command.SetOperation;

/**
 * Reads the text a client sent into exactly one statement, the way Flink will run it, or refuses
 * it. Fails closed: text that is not exactly one statement the rules can read is never passed on.
 *
 * <p>Flink runs a statement by first trying its extended parser (client commands such as {@code SET
 * key = value}), then its Calcite grammar's statement-list entry, requiring exactly one statement.
 * The reader parses the same text with the same grammar and entry, and asks Flink's own parser for
 * the commands, so the rules check what Flink will do rather than a reading of their own.
 */
public final class StatementReader {

    /** Text Sluice cannot read as one statement; Flink's syntax errors keep Flink's words. */

    /** Statements too large or too deeply nested for the gateway to read safely. */

    /** Words that Flink's extended parser reads before its Calcite grammar does. */
    private static final Pattern COMMAND_START =
            Pattern.compile("^\\s*(SET|RESET|HELP|QUIT|EXIT|CLEAR)\\b", Pattern.CASE_INSENSITIVE);

    /** Far beyond hand-written SQL, far below where the parser's time explodes. */
    static final int MAX_DEPTH = 200;

    static final int MAX_OPERATORS = 5_000;

    private final int maxLength;

    /**
     * @param maxLength the longest statement read, in characters: parsing is linear but not free,
     *     and a huge statement would hold a gateway thread for seconds
     */
    public StatementReader(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
        this.maxLength = maxLength;
    }

    /**
     * @param flink the parser of the session that will run the statement, for client commands
     */
    public ReadStatement read(String text, Parser flink) throws UnreadableStatementException {
        requireNonNull(text, "text is null");
        requireNonNull(flink, "flink is null");
        if (text.length() > maxLength) {
            throw unreadable(
                    Rule.STATEMENT_LIMITS,
                    1,
                    1,
                    "the statement is %,d characters long; this gateway reads at most %,d"
                            .formatted(text.length(), maxLength),
                    "split it into smaller statements (views help), or ask the operator to raise --max-statement-length");
        }
        StatementShape shape = StatementShape.of(text);
        if (shape.depth() > MAX_DEPTH || shape.operators() > MAX_OPERATORS) {
            throw unreadable(
                    Rule.STATEMENT_LIMITS,
                    1,
                    1,
                    "the statement nests parentheses %d deep and chains %,d operators; this gateway reads at most %d and %,d"
                            .formatted(shape.depth(), shape.operators(), MAX_DEPTH, MAX_OPERATORS),
                    "split the query into views, or build long lists with IN (...) or VALUES rows");
        }
        SqlNodeList statements;
        try {
            statements = FlinkSqlParsing.parseList(text);
        } catch (SqlParseException e) {
            if (e.getCause() instanceof StackOverflowError) {
                throw tooDeep();
            }
            return command(text, flink)
                    .map(c -> new ReadStatement(text, Optional.empty(), Optional.of(c)))
                    .orElseThrow(() -> syntaxError(e));
        } catch (StackOverflowError e) {
            // Calcite's recursive descent has no depth limit of its own; refuse, do not crash.
            throw tooDeep();
        }
        if (statements.size() != 1) {
            throw unreadable(
                    Rule.SQL_SYNTAX,
                    1,
                    1,
                    statements.isEmpty()
                            ? "there is no statement here, only terminators or comments"
                            : "this is %d statements; the gateway runs one at a time"
                                    .formatted(statements.size()),
                    statements.isEmpty()
                            ? "send a statement"
                            : "send each statement on its own, or wrap INSERTs in EXECUTE STATEMENT SET BEGIN ... END");
        }
        SqlNode tree = statements.get(0);
        Optional<Operation> command = Optional.empty();
        if (tree instanceof SqlSet
                || tree instanceof SqlReset
                || COMMAND_START.matcher(text).lookingAt()) {
            command = command(text, flink);
            if (command.isEmpty() && (tree instanceof SqlSet || tree instanceof SqlReset)) {
                throw unreadable(
                        Rule.SQL_SYNTAX,
                        1,
                        1,
                        "Flink does not read this SET or RESET as Sluice does",
                        "write it as SET 'key' = 'value'");
            }
        }
        return new ReadStatement(text, Optional.of(tree), command);
    }

    private static UnreadableStatementException tooDeep() {
        return unreadable(
                Rule.STATEMENT_LIMITS,
                1,
                1,
                "the statement is nested too deeply to be read",
                "flatten the expression, or split the query into views");
    }

    /** Flink's own reading of a client command; empty when the text is not one. */
    private static Optional<Operation> command(String text, Parser flink) {
        List<Operation> operations;
        try {
            operations = flink.parse(text);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (operations.size() == 1 && isCommand(operations.get(0))) {
            return Optional.of(operations.get(0));
        }
        return Optional.empty();
    }

    private static boolean isCommand(Operation operation) {
        return operation instanceof SetOperation
                || operation instanceof ResetOperation
                || operation instanceof HelpOperation
                || operation instanceof QuitOperation
                || operation instanceof ClearOperation;
    }

    private static UnreadableStatementException syntaxError(SqlParseException e) {
        String message = Optional.ofNullable(e.getMessage()).orElse("the statement does not parse");
        String first = message.lines().findFirst().orElse(message);
        List<String> expected =
                e.getExpectedTokenNames() == null
                        ? List.of()
                        : e.getExpectedTokenNames().stream().sorted().limit(8).toList();
        int line = e.getPos() == null ? 1 : e.getPos().getLineNum();
        int column = e.getPos() == null ? 1 : e.getPos().getColumnNum();
        return unreadable(
                Rule.SQL_SYNTAX,
                line,
                column,
                Failures.printable(
                        first.replaceAll("\\s+at line \\d+, column \\d+\\.?", "").strip()),
                expected.isEmpty()
                        ? "check the statement's syntax"
                        : "expected one of " + String.join(", ", expected));
    }

    private static UnreadableStatementException unreadable(
            Rule rule, int line, int column, String message, String fix) {
        return new UnreadableStatementException(Finding.error(rule, line, column, message, fix));
    }
}
