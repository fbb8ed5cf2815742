package dev.sluice.policy.guard;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.flink.sql.parser.dml.SqlExecute;
import org.apache.flink.sql.parser.dql.SqlRichExplain;

/**
 * The statement types the guard's rules were written for. Anything else (models and connections
 * that reach other hosts, materialized tables with their own refresh jobs, compiled plans that run
 * whatever options their JSON holds, procedures, statement types a newer Flink adds) is refused
 * until a rule reads it: an allowlist, so that a new type is never passed on unread.
 */
final class StatementTypes {

    private static final List<String> ALLOWED_PREFIXES =
            List.of(
                    "SqlShow",
                    "SqlDescribe",
                    "SqlRichDescribe",
                    "SqlUse",
                    "SqlDrop",
                    "SqlAlterTable",
                    "SqlAlterView");
    private static final Set<String> ALLOWED =
            Set.of(
                    "RichSqlInsert",
                    "SqlStatementSet",
                    "SqlBeginStatementSet",
                    "SqlEndStatementSet",
                    "SqlCreateTable",
                    "SqlCreateTableAs",
                    "SqlCreateTableLike",
                    "SqlCreateView",
                    "SqlCreateFunction",
                    "SqlCreateDatabase",
                    "SqlCreateCatalog",
                    "SqlAlterDatabase",
                    "SqlAlterFunction",
                    "SqlAlterCatalogOptions",
                    "SqlAlterCatalogReset",
                    "SqlAlterCatalogComment",
                    "SqlAddPartitions",
                    "SqlSet",
                    "SqlReset",
                    "SqlLoadModule",
                    "SqlUnloadModule",
                    "SqlAddJar",
                    "SqlRemoveJar",
                    "SqlTruncateTable",
                    "SqlAnalyzeTable",
                    "SqlStopJob",
                    "SqlDelete",
                    "SqlUpdate");

    private StatementTypes() {}

    /** Why {@code node} is refused, when its type is not one the rules read. */
    static Optional<Finding> refusal(SqlNode node) {
        if (node instanceof SqlExecute execute) {
            return refusal(execute.getStatement());
        }
        if (node instanceof SqlRichExplain explain) {
            return refusal(explain.getStatement());
        }
        if (node.getKind().belongsTo(SqlKind.QUERY) || allowed(node.getClass())) {
            return Optional.empty();
        }
        String type = words(node.getClass().getSimpleName());
        return Optional.of(
                Finding.error(
                        Rule.SQL_UNSUPPORTED,
                        node.getParserPosition().getLineNum(),
                        node.getParserPosition().getColumnNum(),
                        "%s statements are not run by this gateway".formatted(type),
                        "use tables, views, functions, queries and INSERTs; models, connections,"
                                + " materialized tables, compiled plans and procedures are not"
                                + " supported"));
    }

    /** {@code SqlCreateMaterializedTable} as {@code CREATE MATERIALIZED TABLE}. */
    private static String words(String className) {
        String name = className.startsWith("Sql") ? className.substring(3) : className;
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
    }

    private static boolean allowed(Class<?> type) {
        String name = type.getSimpleName();
        if (ALLOWED.contains(name)) {
            return true;
        }
        // SHOW, DESCRIBE and DROP of a materialized table read or remove; creating or altering
        // one starts refresh jobs the exactly-once rewrite does not see.
        return ALLOWED_PREFIXES.stream().anyMatch(name::startsWith)
                && !name.startsWith("SqlAlterMaterialized");
    }
}
