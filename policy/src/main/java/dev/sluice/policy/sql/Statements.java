package dev.sluice.policy.sql;

import java.util.List;
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

    /** The INSERTs of a DML statement, inside EXECUTE and STATEMENT SET too. */
    public static List<RichSqlInsert> inserts(SqlNode node) {
        if (node instanceof RichSqlInsert insert) {
            return List.of(insert);
        }
        if (node instanceof SqlStatementSet set) {
            return List.copyOf(set.getInserts());
        }
        if (node instanceof SqlExecute execute) {
            return inserts(execute.getStatement());
        }
        return List.of();
    }

    /** Statements the planner plans: queries and DML. */
    public static boolean isQueryOrDml(SqlNode node) {
        return node.getKind().belongsTo(SqlKind.QUERY)
                || node instanceof RichSqlInsert
                || node instanceof SqlStatementSet
                || node instanceof SqlExecute;
    }
}
