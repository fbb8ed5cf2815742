package dev.sluice.catalog.store;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Databases, tables, views and functions in a relational database. Every method is one transaction:
 * a change is either fully written or not at all. Methods return {@code false} or empty where the
 * object does not exist (or already does) so that the catalog can throw Flink's own exceptions.
 */
public final class CatalogStore implements AutoCloseable {

    private static final String INTEGRITY_VIOLATION = "23";

    private final Jdbi jdbi;
    private final AutoCloseable connections;
    private final Optional<String> durability;
    private final SecretCipher secrets;

    /**
     * @param connections closed with the store: the pool behind {@code jdbi}
     * @param durability a statement that forces committed writes to disk, for databases that write
     *     them later on their own (H2's {@code CHECKPOINT SYNC})
     */
    public CatalogStore(Jdbi jdbi, AutoCloseable connections, Optional<String> durability) {
        this(jdbi, connections, durability, SecretCipher.plaintext());
    }

    /**
     * @param secrets how secret option values of tables and views are kept
     */
    public CatalogStore(
            Jdbi jdbi,
            AutoCloseable connections,
            Optional<String> durability,
            SecretCipher secrets) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.durability = requireNonNull(durability, "durability is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
    }

    @Override
    public void close() {
        try {
            connections.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the catalog database connections", e);
        }
    }

    // ---- databases ----

    public List<String> databaseNames() {
        return jdbi.withHandle(
                h ->
                        h.createQuery("SELECT name FROM catalog_database ORDER BY name")
                                .mapTo(String.class)
                                .list());
    }

    public Optional<StoredDatabase> database(String name) {
        return jdbi.withHandle(
                h ->
                        h.createQuery(
                                        "SELECT name, comment, properties FROM catalog_database WHERE name = :name")
                                .bind("name", name)
                                .map(
                                        (rs, ctx) ->
                                                new StoredDatabase(
                                                        rs.getString("name"),
                                                        Optional.ofNullable(
                                                                rs.getString("comment")),
                                                        Json.readMap(
                                                                rs.getString("properties"),
                                                                "database '" + name + "'")))
                                .findOne());
    }

    /** Returns false when the database exists already. */
    public boolean createDatabase(StoredDatabase database) {
        return insert(
                h ->
                        h.createUpdate(
                                        "INSERT INTO catalog_database (name, comment, properties, version, updated_at) "
                                                + "VALUES (:name, :comment, :properties, 1, :now)")
                                .bind("name", database.name())
                                .bind("comment", database.comment().orElse(null))
                                .bind("properties", Json.write(database.properties()))
                                .bind("now", now())
                                .execute());
    }

    /** Returns false when the database does not exist. */
    public boolean alterDatabase(StoredDatabase database) {
        return write(
                h ->
                        h.createUpdate(
                                                "UPDATE catalog_database SET comment = :comment, properties = :properties, "
                                                        + "version = version + 1, updated_at = :now WHERE name = :name")
                                        .bind("name", database.name())
                                        .bind("comment", database.comment().orElse(null))
                                        .bind("properties", Json.write(database.properties()))
                                        .bind("now", now())
                                        .execute()
                                == 1);
    }

    /** Whether the database holds tables, views or functions. */
    public boolean databaseHasObjects(String name) {
        return jdbi.withHandle(
                h ->
                        h.createQuery(
                                                "SELECT (SELECT COUNT(*) FROM catalog_object WHERE database_name = :db) "
                                                        + "+ (SELECT COUNT(*) FROM catalog_function WHERE database_name = :db)")
                                        .bind("db", name)
                                        .mapTo(Long.class)
                                        .one()
                                > 0);
    }

    /** Drops the database and, with {@code cascade}, all it holds. Returns false when absent. */
    public boolean dropDatabase(String name, boolean cascade) {
        return write(
                h -> {
                    if (cascade) {
                        h.execute("DELETE FROM catalog_object WHERE database_name = ?", name);
                        h.execute("DELETE FROM catalog_function WHERE database_name = ?", name);
                    }
                    return h.execute("DELETE FROM catalog_database WHERE name = ?", name) == 1;
                });
    }

    // ---- tables and views ----

    public List<String> objectNames(String database, Optional<StoredObject.Kind> kind) {
        return jdbi.withHandle(
                h ->
                        h.createQuery(
                                        "SELECT name FROM catalog_object WHERE database_name = :db"
                                                + (kind.isPresent() ? " AND kind = :kind" : "")
                                                + " ORDER BY name")
                                .bind("db", database)
                                .bind("kind", kind.map(Enum::name).orElse(null))
                                .mapTo(String.class)
                                .list());
    }

    public Optional<StoredObject> object(String database, String name) {
        return jdbi.withHandle(
                h ->
                        h.createQuery(
                                        "SELECT kind, definition, version FROM catalog_object "
                                                + "WHERE database_name = :db AND name = :name")
                                .bind("db", database)
                                .bind("name", name)
                                .map(
                                        (rs, ctx) ->
                                                new StoredObject(
                                                        database,
                                                        name,
                                                        StoredObject.Kind.valueOf(
                                                                rs.getString("kind")),
                                                        secrets.open(
                                                                "'" + database + "." + name + "'",
                                                                Json.readMap(
                                                                        rs.getString("definition"),
                                                                        "'" + database + "." + name
                                                                                + "'")),
                                                        rs.getLong("version")))
                                .findOne());
    }

    /** Returns false when an object of that name exists already. */
    public boolean createObject(StoredObject object) {
        String definition = Json.write(sealed(object));
        return insert(
                h ->
                        h.createUpdate(
                                        "INSERT INTO catalog_object (database_name, name, kind, definition, version, updated_at) "
                                                + "VALUES (:db, :name, :kind, :definition, 1, :now)")
                                .bind("db", object.database())
                                .bind("name", object.name())
                                .bind("kind", object.kind().name())
                                .bind("definition", definition)
                                .bind("now", now())
                                .execute());
    }

    private Map<String, String> sealed(StoredObject object) {
        return secrets.seal(
                "table '%s.%s'".formatted(object.database(), object.name()), object.definition());
    }

    /**
     * Replaces the object if it still has {@code expectedVersion}.
     *
     * @throws ConcurrentChangeException when another client changed or dropped it meanwhile
     */
    public void replaceObject(StoredObject object, long expectedVersion) {
        String definition = Json.write(sealed(object));
        int updated =
                write(
                        h ->
                                h.createUpdate(
                                                "UPDATE catalog_object SET kind = :kind, definition = :definition, "
                                                        + "version = version + 1, updated_at = :now "
                                                        + "WHERE database_name = :db AND name = :name AND version = :version")
                                        .bind("db", object.database())
                                        .bind("name", object.name())
                                        .bind("kind", object.kind().name())
                                        .bind("definition", definition)
                                        .bind("version", expectedVersion)
                                        .bind("now", now())
                                        .execute());
        if (updated != 1) {
            throw new ConcurrentChangeException(
                    "'" + object.database() + "." + object.name() + "'");
        }
    }

    /** Returns false when the object does not exist. */
    public boolean dropObject(String database, String name) {
        return write(
                h ->
                        h.execute(
                                        "DELETE FROM catalog_object WHERE database_name = ? AND name = ?",
                                        database,
                                        name)
                                == 1);
    }

    /** Renames within one database; returns false when the new name is taken. */
    public boolean renameObject(String database, String name, String newName) {
        return insert(
                h ->
                        h.createUpdate(
                                        "UPDATE catalog_object SET name = :newName, version = version + 1, updated_at = :now "
                                                + "WHERE database_name = :db AND name = :name")
                                .bind("db", database)
                                .bind("name", name)
                                .bind("newName", newName)
                                .bind("now", now())
                                .execute());
    }

    // ---- functions ----

    public List<String> functionNames(String database) {
        return jdbi.withHandle(
                h ->
                        h.createQuery(
                                        "SELECT name FROM catalog_function WHERE database_name = :db ORDER BY name")
                                .bind("db", database)
                                .mapTo(String.class)
                                .list());
    }

    public Optional<StoredFunction> function(String database, String name) {
        return jdbi.withHandle(
                h ->
                        h.createQuery(
                                        "SELECT class_name, language, resources FROM catalog_function "
                                                + "WHERE database_name = :db AND name = :name")
                                .bind("db", database)
                                .bind("name", name)
                                .map(
                                        (rs, ctx) ->
                                                new StoredFunction(
                                                        database,
                                                        name,
                                                        rs.getString("class_name"),
                                                        rs.getString("language"),
                                                        Json.readResources(
                                                                rs.getString("resources"),
                                                                "function '"
                                                                        + database
                                                                        + "."
                                                                        + name
                                                                        + "'")))
                                .findOne());
    }

    /** Returns false when a function of that name exists already. */
    public boolean createFunction(StoredFunction function) {
        return insert(
                h ->
                        h.createUpdate(
                                        "INSERT INTO catalog_function (database_name, name, class_name, language, resources, version, updated_at) "
                                                + "VALUES (:db, :name, :className, :language, :resources, 1, :now)")
                                .bind("db", function.database())
                                .bind("name", function.name())
                                .bind("className", function.className())
                                .bind("language", function.language())
                                .bind("resources", Json.write(function.resources()))
                                .bind("now", now())
                                .execute());
    }

    /** Returns false when the function does not exist. */
    public boolean alterFunction(StoredFunction function) {
        return write(
                h ->
                        h.createUpdate(
                                                "UPDATE catalog_function SET class_name = :className, language = :language, "
                                                        + "resources = :resources, version = version + 1, updated_at = :now "
                                                        + "WHERE database_name = :db AND name = :name")
                                        .bind("db", function.database())
                                        .bind("name", function.name())
                                        .bind("className", function.className())
                                        .bind("language", function.language())
                                        .bind("resources", Json.write(function.resources()))
                                        .bind("now", now())
                                        .execute()
                                == 1);
    }

    /** Returns false when the function does not exist. */
    public boolean dropFunction(String database, String name) {
        return write(
                h ->
                        h.execute(
                                        "DELETE FROM catalog_function WHERE database_name = ? AND name = ?",
                                        database,
                                        name)
                                == 1);
    }

    /**
     * Copies every database, table, view and function into {@code target}, reading this store only:
     * how {@code sluice validate --catalog-url} sees a real catalog without changing it.
     */
    public void copyTo(CatalogStore target) {
        for (String database : databaseNames()) {
            database(database).ifPresent(target::createDatabase);
            for (String name : objectNames(database, Optional.empty())) {
                object(database, name).ifPresent(target::createObject);
            }
            for (String name : functionNames(database)) {
                function(database, name).ifPresent(target::createFunction);
            }
        }
    }

    /** What {@code sluice deploy} deployed, kept in this same database. */
    public DeploymentRegistry deployments() {
        return new DeploymentRegistry(this);
    }

    /** Which dead letters {@code sluice dlq replay} produced again. */
    public DeadLetterReplays deadLetterReplays() {
        return new DeadLetterReplays(this);
    }

    <T> T read(HandleCallback<T, RuntimeException> query) {
        return jdbi.withHandle(query);
    }

    /** A connection of its own, held until the caller closes it. */
    Handle open() {
        return jdbi.open();
    }

    // ---- helpers ----

    /** Runs a write that a unique or foreign key may refuse; returns false when one did. */
    private boolean insert(HandleCallback<Integer, RuntimeException> statement) {
        try {
            return write(statement) == 1;
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * One write transaction, then {@link #durability}: acknowledged means on disk, even when the
     * process is killed right after.
     */
    <T> T write(HandleCallback<T, RuntimeException> statement) {
        T result = jdbi.inTransaction(statement);
        durability.ifPresent(flush -> jdbi.useHandle(h -> h.execute(flush)));
        return result;
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
