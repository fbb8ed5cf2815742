package dev.sluice.catalog;

import dev.sluice.catalog.store.StoredDatabase;
import dev.sluice.catalog.store.StoredFunction;
import dev.sluice.catalog.store.StoredObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogFunctionImpl;
import org.apache.flink.table.catalog.CatalogPropertiesUtil;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.CatalogView;
import org.apache.flink.table.catalog.FunctionLanguage;
import org.apache.flink.table.catalog.ResolvedCatalogBaseTable;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedCatalogView;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.expressions.DefaultSqlFactory;
import org.apache.flink.table.resource.ResourceType;
import org.apache.flink.table.resource.ResourceUri;

/**
 * Converts between Flink's catalog objects and what the store keeps. Tables and views are kept in
 * Flink's own catalog property format ({@link CatalogPropertiesUtil}), so schemas round-trip
 * exactly.
 */
final class CatalogCodec {

    private static final String VIEW_ORIGINAL_QUERY = "sluice.view.original-query";
    private static final String VIEW_EXPANDED_QUERY = "sluice.view.expanded-query";

    private CatalogCodec() {}

    static StoredDatabase database(String name, CatalogDatabase database) {
        return new StoredDatabase(
                name, Optional.ofNullable(database.getComment()), database.getProperties());
    }

    static CatalogDatabase database(StoredDatabase stored) {
        return new CatalogDatabaseImpl(stored.properties(), stored.comment().orElse(null));
    }

    static StoredObject object(String database, String name, CatalogBaseTable table) {
        if (!(table instanceof ResolvedCatalogBaseTable<?>)) {
            throw new CatalogException(
                    "the Sluice catalog stores resolved tables and views only; got "
                            + table.getClass().getName());
        }
        return switch (table.getTableKind()) {
            case TABLE ->
                    new StoredObject(
                            database,
                            name,
                            StoredObject.Kind.TABLE,
                            CatalogPropertiesUtil.serializeCatalogTable(
                                    (ResolvedCatalogTable) table, DefaultSqlFactory.INSTANCE),
                            0);
            case VIEW -> new StoredObject(database, name, StoredObject.Kind.VIEW, view(table), 0);
            default ->
                    throw new CatalogException(
                            "the Sluice catalog does not store %s objects yet ('%s.%s')"
                                    .formatted(table.getTableKind(), database, name));
        };
    }

    static CatalogBaseTable object(StoredObject stored) {
        if (stored.kind() == StoredObject.Kind.TABLE) {
            return CatalogPropertiesUtil.deserializeCatalogTable(stored.definition());
        }
        Map<String, String> schemaAndOptions = new HashMap<>(stored.definition());
        schemaAndOptions.remove(VIEW_ORIGINAL_QUERY);
        schemaAndOptions.remove(VIEW_EXPANDED_QUERY);
        CatalogTable table = CatalogPropertiesUtil.deserializeCatalogTable(schemaAndOptions);
        return CatalogView.of(
                table.getUnresolvedSchema(),
                table.getComment(),
                stored.definition().get(VIEW_ORIGINAL_QUERY),
                stored.definition().get(VIEW_EXPANDED_QUERY),
                table.getOptions());
    }

    /** A view's schema, comment and options in the table format, plus its two queries. */
    private static Map<String, String> view(CatalogBaseTable table) {
        ResolvedCatalogView view = (ResolvedCatalogView) table;
        CatalogTable asTable =
                CatalogTable.newBuilder()
                        .schema(view.getUnresolvedSchema())
                        .comment(view.getComment())
                        .options(view.getOptions())
                        .build();
        Map<String, String> definition =
                new HashMap<>(
                        CatalogPropertiesUtil.serializeCatalogTable(
                                new ResolvedCatalogTable(asTable, view.getResolvedSchema()),
                                DefaultSqlFactory.INSTANCE));
        definition.put(VIEW_ORIGINAL_QUERY, view.getOriginalQuery());
        definition.put(VIEW_EXPANDED_QUERY, view.getExpandedQuery());
        return definition;
    }

    static StoredFunction function(String database, String name, CatalogFunction function) {
        List<StoredFunction.Resource> resources =
                function.getFunctionResources().stream()
                        .map(
                                r ->
                                        new StoredFunction.Resource(
                                                r.getResourceType().name(), r.getUri()))
                        .toList();
        return new StoredFunction(
                database,
                name,
                function.getClassName(),
                function.getFunctionLanguage().name(),
                resources);
    }

    static CatalogFunction function(StoredFunction stored) {
        List<ResourceUri> resources =
                stored.resources().stream()
                        .map(r -> new ResourceUri(ResourceType.valueOf(r.type()), r.uri()))
                        .toList();
        return new CatalogFunctionImpl(
                stored.className(), FunctionLanguage.valueOf(stored.language()), resources);
    }
}
