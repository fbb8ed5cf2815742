package dev.sluice.catalog;

import static java.util.Objects.requireNonNull;

import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.catalog.store.StoredObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionSpecInvalidException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.functions.FunctionIdentifier;

/**
 * A Flink catalog whose databases, tables, views and functions live in a relational database (H2 or
 * PostgreSQL) and so survive restarts and are shared by every gateway that points at it.
 *
 * <p>Partitions and statistics do not apply to streaming Kafka tables: the catalog answers as a
 * catalog without them must (tables are never partitioned, statistics are unknown).
 */
public final class SluiceCatalog extends AbstractCatalog {

    private final CatalogStore store;
    private final boolean ownsStore;
    private final UnaryOperator<Map<String, String>> tableDefaults;

    /** Versions this thread read, so that an ALTER fails instead of overwriting a newer change. */
    private final ThreadLocal<Map<ObjectPath, Long>> versionsRead =
            ThreadLocal.withInitial(HashMap::new);

    /** A catalog on a store that others share; closing the catalog leaves the store open. */
    public SluiceCatalog(String name, String defaultDatabase, CatalogStore store) {
        this(name, defaultDatabase, store, false, UnaryOperator.identity());
    }

    private SluiceCatalog(
            String name,
            String defaultDatabase,
            CatalogStore store,
            boolean ownsStore,
            UnaryOperator<Map<String, String>> tableDefaults) {
        super(name, defaultDatabase);
        this.store = requireNonNull(store, "store is null");
        this.ownsStore = ownsStore;
        this.tableDefaults = requireNonNull(tableDefaults, "tableDefaults is null");
    }

    /** A catalog that closes its store when it is closed. */
    public static SluiceCatalog owning(String name, String defaultDatabase, CatalogStore store) {
        return new SluiceCatalog(name, defaultDatabase, store, true, UnaryOperator.identity());
    }

    /**
     * A catalog on a shared store whose tables are read with {@code tableDefaults} applied to their
     * options: settings of the environment (such as the Kafka cluster's address) that belong to
     * where the catalog is used, not in the stored definition.
     */
    public static SluiceCatalog withTableDefaults(
            String name,
            String defaultDatabase,
            CatalogStore store,
            UnaryOperator<Map<String, String>> tableDefaults) {
        return new SluiceCatalog(name, defaultDatabase, store, false, tableDefaults);
    }

    @Override
    public void open() {
        if (!databaseExists(getDefaultDatabase())) {
            store.createDatabase(
                    CatalogCodec.database(
                            getDefaultDatabase(), new CatalogDatabaseImpl(Map.of(), null)));
        }
    }

    @Override
    public void close() {
        versionsRead.remove();
        if (ownsStore) {
            store.close();
        }
    }

    // ---- databases ----

    @Override
    public List<String> listDatabases() {
        return store.databaseNames();
    }

    @Override
    public CatalogDatabase getDatabase(String name) throws DatabaseNotExistException {
        return store.database(name)
                .map(CatalogCodec::database)
                .orElseThrow(() -> new DatabaseNotExistException(getName(), name));
    }

    @Override
    public boolean databaseExists(String name) {
        return store.database(name).isPresent();
    }

    @Override
    public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists)
            throws DatabaseAlreadyExistException {
        if (!store.createDatabase(CatalogCodec.database(name, database)) && !ignoreIfExists) {
            throw new DatabaseAlreadyExistException(getName(), name);
        }
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade)
            throws DatabaseNotExistException, DatabaseNotEmptyException {
        if (!databaseExists(name)) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new DatabaseNotExistException(getName(), name);
        }
        if (!cascade && store.databaseHasObjects(name)) {
            throw new DatabaseNotEmptyException(getName(), name);
        }
        if (!store.dropDatabase(name, cascade) && !ignoreIfNotExists) {
            throw new DatabaseNotExistException(getName(), name);
        }
    }

    @Override
    public void alterDatabase(String name, CatalogDatabase database, boolean ignoreIfNotExists)
            throws DatabaseNotExistException {
        if (!store.alterDatabase(CatalogCodec.database(name, database)) && !ignoreIfNotExists) {
            throw new DatabaseNotExistException(getName(), name);
        }
    }

    // ---- tables and views ----

    @Override
    public List<String> listTables(String database) throws DatabaseNotExistException {
        requireDatabase(database);
        return store.objectNames(database, Optional.empty());
    }

    @Override
    public List<String> listViews(String database) throws DatabaseNotExistException {
        requireDatabase(database);
        return store.objectNames(database, Optional.of(StoredObject.Kind.VIEW));
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath path) throws TableNotExistException {
        StoredObject stored = storedObject(path);
        versionsRead.get().put(path, stored.version());
        CatalogBaseTable table = CatalogCodec.object(stored);
        if (table instanceof CatalogTable catalogTable) {
            Map<String, String> options = tableDefaults.apply(catalogTable.getOptions());
            if (!options.equals(catalogTable.getOptions())) {
                return catalogTable.copy(options);
            }
        }
        return table;
    }

    @Override
    public boolean tableExists(ObjectPath path) {
        return store.object(path.getDatabaseName(), path.getObjectName()).isPresent();
    }

    @Override
    public void dropTable(ObjectPath path, boolean ignoreIfNotExists)
            throws TableNotExistException {
        versionsRead.get().remove(path);
        if (!store.dropObject(path.getDatabaseName(), path.getObjectName()) && !ignoreIfNotExists) {
            throw new TableNotExistException(getName(), path);
        }
    }

    @Override
    public void renameTable(ObjectPath path, String newName, boolean ignoreIfNotExists)
            throws TableNotExistException, TableAlreadyExistException {
        if (!tableExists(path)) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new TableNotExistException(getName(), path);
        }
        if (!store.renameObject(path.getDatabaseName(), path.getObjectName(), newName)) {
            throw new TableAlreadyExistException(
                    getName(), new ObjectPath(path.getDatabaseName(), newName));
        }
        versionsRead.get().remove(path);
    }

    @Override
    public void createTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfExists)
            throws TableAlreadyExistException, DatabaseNotExistException {
        requireDatabase(path.getDatabaseName());
        StoredObject stored =
                CatalogCodec.object(path.getDatabaseName(), path.getObjectName(), table);
        if (!store.createObject(stored)) {
            if (!databaseExists(path.getDatabaseName())) {
                throw new DatabaseNotExistException(getName(), path.getDatabaseName());
            }
            if (!ignoreIfExists) {
                throw new TableAlreadyExistException(getName(), path);
            }
        }
    }

    @Override
    public void alterTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfNotExists)
            throws TableNotExistException {
        Optional<StoredObject> current = store.object(path.getDatabaseName(), path.getObjectName());
        if (current.isEmpty()) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new TableNotExistException(getName(), path);
        }
        if (current.get().kind() != kindOf(table)) {
            // Flink's own wording, which its catalog contract tests expect.
            throw new CatalogException(
                    "Table types don't match. Existing table is '%s' and new table is '%s'."
                            .formatted(current.get().kind(), kindOf(table)));
        }
        long expected = versionsRead.get().getOrDefault(path, current.get().version());
        store.replaceObject(
                CatalogCodec.object(path.getDatabaseName(), path.getObjectName(), table), expected);
        versionsRead.get().remove(path);
    }

    // ---- functions: names are case-insensitive, as in Flink ----

    @Override
    public List<String> listFunctions(String database) throws DatabaseNotExistException {
        requireDatabase(database);
        return store.functionNames(database);
    }

    @Override
    public CatalogFunction getFunction(ObjectPath path) throws FunctionNotExistException {
        return store.function(path.getDatabaseName(), functionName(path))
                .map(CatalogCodec::function)
                .orElseThrow(() -> new FunctionNotExistException(getName(), path));
    }

    @Override
    public boolean functionExists(ObjectPath path) {
        return store.function(path.getDatabaseName(), functionName(path)).isPresent();
    }

    @Override
    public void createFunction(ObjectPath path, CatalogFunction function, boolean ignoreIfExists)
            throws FunctionAlreadyExistException, DatabaseNotExistException {
        requireDatabase(path.getDatabaseName());
        if (!store.createFunction(
                CatalogCodec.function(path.getDatabaseName(), functionName(path), function))) {
            if (!databaseExists(path.getDatabaseName())) {
                throw new DatabaseNotExistException(getName(), path.getDatabaseName());
            }
            if (!ignoreIfExists) {
                throw new FunctionAlreadyExistException(getName(), path);
            }
        }
    }

    @Override
    public void alterFunction(ObjectPath path, CatalogFunction function, boolean ignoreIfNotExists)
            throws FunctionNotExistException {
        if (!store.alterFunction(
                        CatalogCodec.function(path.getDatabaseName(), functionName(path), function))
                && !ignoreIfNotExists) {
            throw new FunctionNotExistException(getName(), path);
        }
    }

    @Override
    public void dropFunction(ObjectPath path, boolean ignoreIfNotExists)
            throws FunctionNotExistException {
        if (!store.dropFunction(path.getDatabaseName(), functionName(path)) && !ignoreIfNotExists) {
            throw new FunctionNotExistException(getName(), path);
        }
    }

    // ---- partitions and statistics: not kept ----

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath path)
            throws TableNotExistException, TableNotPartitionedException {
        requirePartitioned(path);
        return List.of();
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath path, CatalogPartitionSpec spec)
            throws TableNotExistException, TableNotPartitionedException {
        requirePartitioned(path);
        return List.of();
    }

    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(
            ObjectPath path, List<Expression> filters)
            throws TableNotExistException, TableNotPartitionedException {
        requirePartitioned(path);
        return List.of();
    }

    @Override
    public CatalogPartition getPartition(ObjectPath path, CatalogPartitionSpec spec)
            throws PartitionNotExistException {
        throw new PartitionNotExistException(getName(), path, spec);
    }

    @Override
    public boolean partitionExists(ObjectPath path, CatalogPartitionSpec spec) {
        return false;
    }

    @Override
    public void createPartition(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogPartition partition,
            boolean ignoreIfExists)
            throws TableNotExistException,
                    TableNotPartitionedException,
                    PartitionSpecInvalidException {
        CatalogTable catalogTable = requirePartitioned(path);
        if (!catalogTable.getPartitionKeys().equals(List.copyOf(spec.getPartitionSpec().keySet()))
                && !Set.copyOf(catalogTable.getPartitionKeys())
                        .equals(spec.getPartitionSpec().keySet())) {
            throw new PartitionSpecInvalidException(
                    getName(), catalogTable.getPartitionKeys(), path, spec);
        }
        throw new CatalogException(
                "the Sluice catalog does not keep partitions (table '%s'); streaming Kafka tables have none"
                        .formatted(path.getFullName()));
    }

    @Override
    public void dropPartition(ObjectPath path, CatalogPartitionSpec spec, boolean ignoreIfNotExists)
            throws PartitionNotExistException {
        if (!ignoreIfNotExists) {
            throw new PartitionNotExistException(getName(), path, spec);
        }
    }

    @Override
    public void alterPartition(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogPartition partition,
            boolean ignoreIfNotExists)
            throws PartitionNotExistException {
        if (!ignoreIfNotExists) {
            throw new PartitionNotExistException(getName(), path, spec);
        }
    }

    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath path)
            throws TableNotExistException {
        storedObject(path);
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath path)
            throws TableNotExistException {
        storedObject(path);
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(ObjectPath path, CatalogPartitionSpec spec)
            throws PartitionNotExistException {
        throw new PartitionNotExistException(getName(), path, spec);
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(
            ObjectPath path, CatalogPartitionSpec spec) throws PartitionNotExistException {
        throw new PartitionNotExistException(getName(), path, spec);
    }

    @Override
    public void alterTableStatistics(
            ObjectPath path, CatalogTableStatistics statistics, boolean ignoreIfNotExists)
            throws TableNotExistException {
        if (!tableExists(path) && !ignoreIfNotExists) {
            throw new TableNotExistException(getName(), path);
        }
    }

    @Override
    public void alterTableColumnStatistics(
            ObjectPath path, CatalogColumnStatistics statistics, boolean ignoreIfNotExists)
            throws TableNotExistException {
        if (!tableExists(path) && !ignoreIfNotExists) {
            throw new TableNotExistException(getName(), path);
        }
    }

    @Override
    public void alterPartitionStatistics(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogTableStatistics statistics,
            boolean ignoreIfNotExists)
            throws PartitionNotExistException {
        if (!ignoreIfNotExists) {
            throw new PartitionNotExistException(getName(), path, spec);
        }
    }

    @Override
    public void alterPartitionColumnStatistics(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogColumnStatistics statistics,
            boolean ignoreIfNotExists)
            throws PartitionNotExistException {
        if (!ignoreIfNotExists) {
            throw new PartitionNotExistException(getName(), path, spec);
        }
    }

    // ---- helpers ----

    private StoredObject storedObject(ObjectPath path) throws TableNotExistException {
        return store.object(path.getDatabaseName(), path.getObjectName())
                .orElseThrow(() -> new TableNotExistException(getName(), path));
    }

    private void requireDatabase(String database) throws DatabaseNotExistException {
        if (!databaseExists(database)) {
            throw new DatabaseNotExistException(getName(), database);
        }
    }

    private CatalogTable requirePartitioned(ObjectPath path)
            throws TableNotExistException, TableNotPartitionedException {
        CatalogBaseTable table = CatalogCodec.object(storedObject(path));
        if (!(table instanceof CatalogTable catalogTable) || !catalogTable.isPartitioned()) {
            throw new TableNotPartitionedException(getName(), path);
        }
        return catalogTable;
    }

    private static String functionName(ObjectPath path) {
        return FunctionIdentifier.normalizeName(path.getObjectName());
    }

    private static StoredObject.Kind kindOf(CatalogBaseTable table) {
        return table.getTableKind() == CatalogBaseTable.TableKind.VIEW
                ? StoredObject.Kind.VIEW
                : StoredObject.Kind.TABLE;
    }
}
