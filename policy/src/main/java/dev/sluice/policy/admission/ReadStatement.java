package dev.sluice.policy.admission;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.calcite.sql.SqlNode;
import org.apache.flink.table.operations.Operation;

/**
 * A statement the gateway has read once, the way Flink will run it.
 *
 * @param text the text exactly as Flink will receive it
 * @param tree Flink's Calcite parse tree, when the Calcite grammar reads the text (everything but
 *     the client commands that Flink's extended parser reads first)
 * @param command Flink's own reading of a client command ({@code SET}, {@code RESET}, {@code HELP},
 *     {@code QUIT}, {@code CLEAR}), which wins over the tree in Flink: so the rules check this,
 *     never a reading of their own
 */
public record ReadStatement(String text, Optional<SqlNode> tree, Optional<Operation> command) {

    public ReadStatement {
        requireNonNull(text, "text is null");
        requireNonNull(tree, "tree is null");
        requireNonNull(command, "command is null");
        if (tree.isEmpty() && command.isEmpty()) {
            throw new IllegalArgumentException("a statement is a tree or a command");
        }
    }

    /** The tree when this statement runs as a Calcite statement, not as a client command. */
    public Optional<SqlNode> statementTree() {
        return command.isPresent() ? Optional.empty() : tree;
    }
}
