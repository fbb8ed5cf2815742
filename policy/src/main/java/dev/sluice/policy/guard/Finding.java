package dev.sluice.policy.guard;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.sql.SqlStatement;

/**
 * One thing the guard found in a statement.
 *
 * @param rule why; messages show its stable id ({@code security-connector}, ...)
 * @param line 1-based line within the statement
 * @param column 1-based column within the statement
 * @param message what is wrong
 * @param fix what to do instead
 */
public record Finding(
        Rule rule, Severity severity, int line, int column, String message, String fix) {

    /** Errors stop the statement; warnings do not. */
    public enum Severity {
        ERROR,
        WARNING
    }

    public Finding {
        requireNonNull(rule, "rule is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
        requireNonNull(fix, "fix is null");
    }

    public static Finding error(Rule rule, int line, int column, String message, String fix) {
        return new Finding(
                rule, Severity.ERROR, Math.max(line, 1), Math.max(column, 1), message, fix);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: [rule] message} and the fix: the form compilers and linters use. */
    public String renderCompact(SqlStatement statement) {
        int fileLine = statement.line() + line - 1;
        int fileColumn = line == 1 ? statement.column() + column - 1 : column;
        String prefix = severity == Severity.WARNING ? "warning: " : "";
        return "%s:%d:%d: %s[%s] %s%n  Fix: %s"
                .formatted(statement.source(), fileLine, fileColumn, prefix, rule, message, fix);
    }

    /** {@code <where>: [rule] message} and the fix on its own line. */
    public String render(SqlStatement statement) {
        return "%s: [%s] %s%n  Fix: %s"
                .formatted(statement.locate(line, column), rule, message, fix);
    }
}
