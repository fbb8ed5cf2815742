package dev.sluice.server.service;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.Rule;
import dev.sluice.policy.guard.StatementGuard;
import dev.sluice.policy.sql.FlinkSqlParsing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogBaseTable.TableKind;
import org.apache.flink.table.catalog.CatalogManager;
import org.apache.flink.table.catalog.CatalogView;
import org.apache.flink.table.catalog.ContextResolvedTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.UnresolvedIdentifier;

/**
 * Checks the options of every table a statement uses, through views, wherever the table's
 * definition came from: the guard saw the DDL typed into this gateway, but not a table stored by
 * another tool in a catalog database a user attached, nor options copied by {@code LIKE}. Options
 * are checked where they take effect.
 *
 * <p>Every identifier of the tree is tried as a table name: reading a column name as a table can
 * only check a table too many, never one too few.
 */
final class UsedTables {

    private static final int MAX_VIEW_DEPTH = 32;

    private final CatalogManager catalogs;
    private final StatementGuard guard;
    private final Set<ObjectIdentifier> seen = new HashSet<>();
    private final Map<ObjectIdentifier, Map<String, String>> tables = new LinkedHashMap<>();

    UsedTables(CatalogManager catalogs, StatementGuard guard) {
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
        this.guard = requireNonNull(guard, "guard is null");
    }

    List<Finding> check(SqlNode node) {
        List<Finding> findings = new ArrayList<>();
        check(node, 0, findings);
        return findings;
    }

    private void check(SqlNode node, int depth, List<Finding> findings) {
        for (List<String> name : identifiers(node)) {
            Optional<ContextResolvedTable> table = resolve(name);
            if (table.isEmpty() || !seen.add(table.get().getIdentifier())) {
                continue;
            }
            CatalogBaseTable definition = table.get().getTable();
            String where = table.get().getIdentifier().asSummaryString();
            if (definition.getTableKind() == TableKind.VIEW) {
                view(where, (CatalogView) definition, depth, findings);
                continue;
            }
            tables.put(table.get().getIdentifier(), definition.getOptions());
            for (Finding finding : guard.checkOptions(definition.getOptions())) {
                findings.add(
                        Finding.error(
                                finding.rule(),
                                1,
                                1,
                                "table '%s' is stored with %s".formatted(where, finding.message()),
                                finding.fix() + " (ALTER TABLE or re-create the table)"));
            }
        }
    }

    /** The tables (not views) the checked statements use, with their options. */
    Map<ObjectIdentifier, Map<String, String>> tables() {
        return Map.copyOf(tables);
    }

    private void view(String name, CatalogView view, int depth, List<Finding> findings) {
        if (depth >= MAX_VIEW_DEPTH) {
            findings.add(
                    Finding.error(
                            Rule.SQL_UNSUPPORTED,
                            1,
                            1,
                            "views are nested more than %d deep at '%s'"
                                    .formatted(MAX_VIEW_DEPTH, name),
                            "flatten the views"));
            return;
        }
        try {
            check(FlinkSqlParsing.parse(view.getExpandedQuery()), depth + 1, findings);
        } catch (SqlParseException e) {
            findings.add(
                    Finding.error(
                            Rule.SQL_UNSUPPORTED,
                            1,
                            1,
                            "the stored query of view '%s' cannot be read".formatted(name),
                            "re-create the view"));
        }
    }

    private Optional<ContextResolvedTable> resolve(List<String> name) {
        try {
            return catalogs.getTable(catalogs.qualifyIdentifier(UnresolvedIdentifier.of(name)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Set<List<String>> identifiers(SqlNode node) {
        Set<List<String>> names = new LinkedHashSet<>();
        node.accept(
                new SqlBasicVisitor<Void>() {
                    @Override
                    public Void visit(SqlIdentifier id) {
                        if (!id.isStar() && id.names.size() <= 3) {
                            names.add(List.copyOf(id.names));
                        }
                        return null;
                    }
                });
        return names;
    }
}
