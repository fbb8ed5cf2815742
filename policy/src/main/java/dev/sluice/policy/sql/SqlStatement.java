package dev.sluice.policy.sql;

import static java.util.Objects.requireNonNull;

/**
 * One statement of a SQL script, with where it starts so that errors can point into the file.
 *
 * @param source file name, or a label such as {@code "statement"} for statements that came over the
 *     network
 * @param index 1-based position of the statement in its source
 * @param line 1-based line of the statement's first character in its source
 * @param column 1-based column of the statement's first character in its source
 * @param text the statement without its terminating semicolon
 */
public record SqlStatement(String source, int index, int line, int column, String text) {

    public SqlStatement {
        requireNonNull(source, "source is null");
        requireNonNull(text, "text is null");
        if (index < 1 || line < 1 || column < 1) {
            throw new IllegalArgumentException("index, line and column are 1-based");
        }
    }

    /** A statement that arrived on its own, for example from a JDBC client. */
    public static SqlStatement standalone(String text) {
        return new SqlStatement("statement", 1, 1, 1, text);
    }

    /** Describes a position inside this statement in terms of its source. */
    public String locate(int lineInStatement, int columnInStatement) {
        int fileLine = line + lineInStatement - 1;
        int fileColumn = lineInStatement == 1 ? column + columnInStatement - 1 : columnInStatement;
        return "%s, statement %d, line %d, column %d"
                .formatted(source, index, fileLine, fileColumn);
    }
}
