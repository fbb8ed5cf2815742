package dev.sluice.gateway.service;

import static java.util.Objects.requireNonNull;

import dev.sluice.gateway.guard.Finding;
import dev.sluice.gateway.guard.PlanRules;
import dev.sluice.gateway.sql.FlinkSqlParsing;
import dev.sluice.gateway.sql.Statements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.catalog.CatalogBaseTable.TableKind;
import org.apache.flink.table.catalog.CatalogManager;
import org.apache.flink.table.catalog.ContextResolvedTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UnresolvedIdentifier;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.service.operation.OperationExecutor;
import org.apache.flink.table.gateway.service.session.SessionManager;

/**
 * The streaming rules that need the session's catalog and planner ({@link PlanRules}), run on
 * queries and DML before they are submitted: the planner explains the statement, nothing runs.
 */
final class SessionPlanCheck {

    private final SessionManager sessions;

    SessionPlanCheck(SessionManager sessions) {
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    List<Finding> check(SessionHandle session, String statement, Configuration config) {
        SqlNode node;
        try {
            node = FlinkSqlParsing.parse(Statements.withoutTerminator(statement));
        } catch (SqlParseException e) {
            return List.of();
        }
        if (!Statements.isQueryOrDml(node)) {
            return List.of();
        }
        OperationExecutor executor = sessions.getSession(session).createExecutor(config);
        CatalogManager catalogs = executor.getSessionContext().getSessionState().catalogManager;
        List<Finding> findings =
                new ArrayList<>(PlanRules.checkTree(node, name -> schema(catalogs, name)));
        if (findings.stream().anyMatch(Finding::isError)) {
            return findings;
        }
        TableEnvironment tables = executor.getTableEnvironment();
        String plan;
        try {
            plan = tables.explainSql(Statements.withoutTerminator(statement));
        } catch (RuntimeException e) {
            // Flink reports its own validation errors when the statement runs.
            return findings;
        }
        if (Statements.isDml(node)) {
            Duration ttl = tables.getConfig().get(ExecutionConfigOptions.IDLE_STATE_RETENTION);
            PlanRules.checkPlan(plan, node, !ttl.isZero(), statement).ifPresent(findings::add);
        }
        return findings;
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
