package dev.sluice.policy.sql;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.flink.sql.parser.impl.FlinkSqlParserImpl;
import org.apache.flink.sql.parser.validate.FlinkSqlConformance;

/**
 * Flink's own Calcite grammar, configured as the planner configures it. {@link #parseList} is the
 * entry Flink itself uses to run a statement: a statement list, of which Flink requires exactly one
 * (empty statements such as a second {@code ;} do not count).
 */
public final class FlinkSqlParsing {

    private static final SqlParser.Config CONFIG =
            SqlParser.config()
                    .withParserFactory(FlinkSqlParserImpl.FACTORY)
                    .withConformance(FlinkSqlConformance.DEFAULT)
                    .withQuoting(Quoting.BACK_TICK)
                    .withUnquotedCasing(Casing.UNCHANGED)
                    .withQuotedCasing(Casing.UNCHANGED)
                    .withCaseSensitive(true)
                    .withIdentifierMaxLength(256);

    private FlinkSqlParsing() {}

    /** One statement without a terminator; for files already split into statements. */
    public static SqlNode parse(String statement) throws SqlParseException {
        return SqlParser.create(statement, CONFIG).parseStmt();
    }

    /** Text exactly as a client sent it, terminators and trailing comments included. */
    public static SqlNodeList parseList(String text) throws SqlParseException {
        return SqlParser.create(text, CONFIG).parseStmtList();
    }
}
