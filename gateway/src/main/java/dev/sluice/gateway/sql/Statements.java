package dev.sluice.gateway.sql;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.flink.sql.parser.dml.RichSqlInsert;
import org.apache.flink.sql.parser.dml.SqlExecute;
import org.apache.flink.sql.parser.dml.SqlStatementSet;

/** What kind of statement a parse tree is, and the small text chores around parsing. */
public final class Statements {

    private Statements() {}

    /** Clients send statements with and without the final semicolon; the parser wants none. */
    public static String withoutTerminator(String statement) {
        String stripped = statement.stripTrailing();
        return stripped.endsWith(";") ? stripped.substring(0, stripped.length() - 1) : statement;
    }

    /** Statements that start a job that runs until stopped. */
    public static boolean isDml(SqlNode node) {
        return node instanceof RichSqlInsert
                || node instanceof SqlStatementSet
                || node instanceof SqlExecute execute && isDml(execute.getStatement());
    }

    /** Statements the planner plans: queries and DML. */
    public static boolean isQueryOrDml(SqlNode node) {
        return node.getKind().belongsTo(SqlKind.QUERY)
                || node instanceof RichSqlInsert
                || node instanceof SqlStatementSet
                || node instanceof SqlExecute;
    }
}
