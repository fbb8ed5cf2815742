package dev.sluice.server.service;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.eo.TableLookup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogManager;
import org.apache.flink.table.catalog.ContextResolvedTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.UnresolvedIdentifier;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.service.session.SessionManager;

/** Resolves table names the way the session that runs the statement does. */
final class SessionTableLookup implements TableLookup {

    private final SessionManager sessions;
    private final SessionHandle session;

    SessionTableLookup(SessionManager sessions, SessionHandle session) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.session = requireNonNull(session, "session is null");
    }

    @Override
    public Optional<Map<String, String>> tableOptions(List<String> identifier) {
        CatalogManager catalogs =
                sessions.getSession(session)
                        .createExecutor()
                        .getSessionContext()
                        .getSessionState()
                        .catalogManager;
        ObjectIdentifier id = catalogs.qualifyIdentifier(UnresolvedIdentifier.of(identifier));
        Optional<ContextResolvedTable> table = catalogs.getTable(id);
        return table.map(t -> t.<CatalogBaseTable>getTable())
                .filter(t -> t.getTableKind() == CatalogBaseTable.TableKind.TABLE)
                .map(CatalogBaseTable::getOptions);
    }
}
