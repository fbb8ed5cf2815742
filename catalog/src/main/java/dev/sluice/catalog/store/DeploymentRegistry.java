package dev.sluice.catalog.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The deployment registry: which pipelines {@code sluice deploy} started, from which text, as which
 * job, and which catalog objects it created. Every method is one transaction, flushed like every
 * catalog write.
 */
public final class DeploymentRegistry {

    private static final String PIPELINE_COLUMNS =
            "name, file, fingerprint, statements, job_id, state, last_savepoint, updated_at, updated_by";

    /** The advisory lock's key: "sluice-deploy" as a number, the same in every gateway. */
    private static final long DEPLOY_LOCK_KEY = 0x736c756963654470L;

    private final CatalogStore store;

    DeploymentRegistry(CatalogStore store) {
        this.store = store;
    }

    /**
     * The lock that lets one gateway at a time deploy, stop, resume or replay when several share
     * this catalog database, or empty while another gateway holds it. On PostgreSQL it is an
     * advisory lock held by a connection of its own: it goes away with that connection, so a
     * gateway that dies cannot leave it behind. An H2 catalog belongs to one gateway (its file is
     * locked by the process that opened it), so there the lock is the gateway's own.
     */
    public Optional<DeployLock> tryLock() {
        Handle handle = store.open();
        try {
            String product = handle.getConnection().getMetaData().getDatabaseProductName();
            if (!product.equals("PostgreSQL")) {
                handle.close();
                return Optional.of(() -> {});
            }
            boolean locked =
                    handle.createQuery("SELECT pg_try_advisory_lock(:key)")
                            .bind("key", DEPLOY_LOCK_KEY)
                            .mapTo(Boolean.class)
                            .one();
            if (!locked) {
                handle.close();
                return Optional.empty();
            }
            return Optional.of(
                    () -> {
                        try (handle) {
                            handle.createQuery("SELECT pg_advisory_unlock(:key)")
                                    .bind("key", DEPLOY_LOCK_KEY)
                                    .mapTo(Boolean.class)
                                    .one();
                        }
                    });
        } catch (SQLException | RuntimeException e) {
            handle.close();
            throw new IllegalStateException(
                    "cannot take the deploy lock in the catalog database", e);
        }
    }

    /** Held while one deployment, stop, resume or replay runs; closing releases it. */
    @FunctionalInterface
    public interface DeployLock extends AutoCloseable {
        @Override
        void close();
    }

    public List<DeployedPipeline> pipelines() {
        return store.read(
                h ->
                        h.createQuery(
                                        "SELECT "
                                                + PIPELINE_COLUMNS
                                                + " FROM sluice_pipeline ORDER BY name")
                                .map((rs, ctx) -> pipeline(rs))
                                .list());
    }

    public Optional<DeployedPipeline> pipeline(String name) {
        return store.read(
                h ->
                        h.createQuery(
                                        "SELECT "
                                                + PIPELINE_COLUMNS
                                                + " FROM sluice_pipeline WHERE name = :name")
                                .bind("name", name)
                                .map((rs, ctx) -> pipeline(rs))
                                .findOne());
    }

    /** Inserts or replaces the pipeline's row. */
    public void save(DeployedPipeline pipeline) {
        store.write(
                h -> {
                    int updated =
                            h.createUpdate(
                                            "UPDATE sluice_pipeline SET file = :file, fingerprint = :fingerprint, "
                                                    + "statements = :statements, job_id = :jobId, state = :state, "
                                                    + "last_savepoint = :savepoint, updated_at = :at, updated_by = :by, "
                                                    + "version = version + 1 WHERE name = :name")
                                    .bindMap(row(pipeline))
                                    .execute();
                    if (updated == 0) {
                        h.createUpdate(
                                        "INSERT INTO sluice_pipeline (name, file, fingerprint, statements, job_id, "
                                                + "state, last_savepoint, updated_at, updated_by, version) VALUES "
                                                + "(:name, :file, :fingerprint, :statements, :jobId, :state, :savepoint, "
                                                + ":at, :by, 1)")
                                .bindMap(row(pipeline))
                                .execute();
                    }
                    return null;
                });
    }

    public boolean removePipeline(String name) {
        return store.write(
                        h ->
                                h.createUpdate("DELETE FROM sluice_pipeline WHERE name = :name")
                                        .bind("name", name)
                                        .execute())
                == 1;
    }

    public List<ManagedObject> managedObjects() {
        return store.read(
                h ->
                        h.createQuery(
                                        "SELECT database_name, name, kind, file FROM sluice_managed_object "
                                                + "ORDER BY database_name, name, kind")
                                .map(
                                        (rs, ctx) ->
                                                new ManagedObject(
                                                        rs.getString("database_name"),
                                                        rs.getString("name"),
                                                        rs.getString("kind"),
                                                        rs.getString("file")))
                                .list());
    }

    public void manage(ManagedObject object) {
        store.write(
                h -> {
                    h.createUpdate(
                                    "DELETE FROM sluice_managed_object WHERE database_name = :db "
                                            + "AND name = :name AND kind = :kind")
                            .bind("db", object.database())
                            .bind("name", object.name())
                            .bind("kind", object.kind())
                            .execute();
                    return h.createUpdate(
                                    "INSERT INTO sluice_managed_object (database_name, name, kind, file, updated_at) "
                                            + "VALUES (:db, :name, :kind, :file, :at)")
                            .bind("db", object.database())
                            .bind("name", object.name())
                            .bind("kind", object.kind())
                            .bind("file", object.file())
                            .bind("at", Timestamp.from(Instant.now()))
                            .execute();
                });
    }

    public void forget(ManagedObject object) {
        store.write(
                h ->
                        h.createUpdate(
                                        "DELETE FROM sluice_managed_object WHERE database_name = :db "
                                                + "AND name = :name AND kind = :kind")
                                .bind("db", object.database())
                                .bind("name", object.name())
                                .bind("kind", object.kind())
                                .execute());
    }

    private static Map<String, Object> row(DeployedPipeline p) {
        Map<String, Object> row = new HashMap<>();
        row.put("name", p.name());
        row.put("file", p.file());
        row.put("fingerprint", p.fingerprint());
        row.put("statements", Json.write(p.statements()));
        row.put("jobId", p.jobId().orElse(null));
        row.put("state", p.state().name());
        row.put("savepoint", p.lastSavepoint().orElse(null));
        row.put("at", Timestamp.from(p.updatedAt()));
        row.put("by", p.updatedBy());
        return row;
    }

    private static DeployedPipeline pipeline(ResultSet rs) throws SQLException {
        String name = rs.getString("name");
        DeployedPipeline.State state;
        try {
            state = DeployedPipeline.State.valueOf(rs.getString("state"));
        } catch (IllegalArgumentException e) {
            throw new CorruptedRowException("pipeline '" + name + "'", e);
        }
        return new DeployedPipeline(
                name,
                rs.getString("file"),
                rs.getString("fingerprint"),
                Json.readStrings(rs.getString("statements"), "pipeline '" + name + "'"),
                Optional.ofNullable(rs.getString("job_id")),
                state,
                Optional.ofNullable(rs.getString("last_savepoint")),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }
}
