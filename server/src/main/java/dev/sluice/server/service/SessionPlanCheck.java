package dev.sluice.server.service;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.admission.FlinkErrors;
import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.PlanRules;
import dev.sluice.policy.guard.Rule;
import dev.sluice.policy.guard.StatementGuard;
import dev.sluice.policy.sql.Statements;
import dev.sluice.server.topics.KafkaTopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.flink.sql.parser.ddl.table.SqlCreateTableAs;
import org.apache.flink.sql.parser.dml.RichSqlInsert;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.catalog.CatalogBaseTable.TableKind;
import org.apache.flink.table.catalog.CatalogManager;
import org.apache.flink.table.catalog.ContextResolvedTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UnresolvedIdentifier;
import org.apache.flink.table.gateway.service.operation.OperationExecutor;

/**
 * The rules that need the session's catalog and planner, run on queries, DML and CTAS before they
 * are submitted: the options of every table the statement uses, wherever its definition came from
 * ({@link UsedTables}); the streaming rules on the tree and on the plan ({@link PlanRules}). The
 * planner explains the statement, nothing runs. Fails closed: a statement whose plan cannot be
 * computed is refused with the planner's message.
 */
final class SessionPlanCheck {

    private final StatementGuard guard;
    private final TopicCheck topics;

    SessionPlanCheck(StatementGuard guard, TopicCheck topics) {
        this.guard = requireNonNull(guard, "guard is null");
        this.topics = requireNonNull(topics, "topics is null");
    }

    static boolean applies(SqlNode node) {
        return Statements.isQueryOrDml(node) || node instanceof SqlCreateTableAs;
    }

    List<Finding> check(
            OperationExecutor executor, TableEnvironment tables, SqlNode node, String text) {
        if (!applies(node)) {
            return List.of();
        }
        CatalogManager catalogs = executor.getSessionContext().getSessionState().catalogManager;
        UsedTables used = new UsedTables(catalogs, guard);
        List<Finding> findings = new ArrayList<>(used.check(node));
        findings.addAll(PlanRules.checkTree(node, name -> schema(catalogs, name)));
        findings.addAll(readOnlySinks(catalogs, node));
        if (findings.stream().anyMatch(Finding::isError)) {
            return findings;
        }
        String plan;
        try {
            plan = tables.explainSql(text);
        } catch (RuntimeException e) {
            findings.add(FlinkErrors.finding(e));
            return findings;
        }
        if (Statements.isDml(node) || node instanceof SqlCreateTableAs) {
            Duration ttl = tables.getConfig().get(ExecutionConfigOptions.IDLE_STATE_RETENTION);
            PlanRules.checkPlan(plan, node, !ttl.isZero()).ifPresent(findings::add);
            if (findings.stream().noneMatch(Finding::isError)) {
                findings.addAll(topics.forPipeline(used.tables(), sinks(catalogs, node)));
            }
        } else {
            // A query reads its topics too: they must exist, and so must its dead-letter topics.
            findings.addAll(topics.forPipeline(used.tables(), Set.of()));
        }
        return findings;
    }

    /**
     * An INSERT into a topic of the {@code kafka} catalog: it shows topics, it does not own them.
     */
    private static List<Finding> readOnlySinks(CatalogManager catalogs, SqlNode node) {
        List<Finding> findings = new ArrayList<>();
        for (ObjectIdentifier sink : sinks(catalogs, node)) {
            boolean topicCatalog =
                    catalogs.getCatalog(sink.getCatalogName())
                            .map(KafkaTopicCatalog.class::isInstance)
                            .orElse(false);
            if (topicCatalog) {
                findings.add(
                        Finding.error(
                                Rule.SQL_UNSUPPORTED,
                                1,
                                1,
                                "'%s' is a topic of the read-only kafka catalog; statements may read it, not write it"
                                        .formatted(sink.asSummaryString()),
                                "CREATE TABLE my_table LIKE %s, then INSERT INTO my_table"
                                        .formatted(sink.asSerializableString())));
            }
        }
        return findings;
    }

    private static Set<ObjectIdentifier> sinks(CatalogManager catalogs, SqlNode node) {
        Set<ObjectIdentifier> sinks = new HashSet<>();
        for (RichSqlInsert insert : Statements.inserts(node)) {
            SqlIdentifier target = (SqlIdentifier) insert.getTargetTableID();
            try {
                sinks.add(catalogs.qualifyIdentifier(UnresolvedIdentifier.of(target.names)));
            } catch (RuntimeException e) {
                // Flink's planner already accepted the statement; an unqualifiable name is no sink.
            }
        }
        return sinks;
    }

    private static Optional<ResolvedSchema> schema(CatalogManager catalogs, List<String> name) {
        try {
            ObjectIdentifier id = catalogs.qualifyIdentifier(UnresolvedIdentifier.of(name));
            return catalogs.getTable(id)
                    .filter(t -> t.getResolvedTable().getTableKind() == TableKind.TABLE)
                    .map(ContextResolvedTable::getResolvedSchema);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
