package dev.sluice.catalog.store;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;

/** Opens the catalog database, migrating its schema forward first. */
public final class CatalogStores {

    /** Flyway's history table; named so that it cannot clash in a shared database. */
    static final String HISTORY_TABLE = "sluice_catalog_schema_history";

    static final String MIGRATIONS = "classpath:db/sluice-catalog";

    private CatalogStores() {}

    /**
     * Migrates the schema to the newest version this Sluice knows and returns the store.
     *
     * @throws CatalogStoreException with a message naming the option to fix when the database
     *     cannot be reached, refuses the credentials, or has a newer schema than this Sluice
     */
    public static CatalogStore open(StoreSettings settings) {
        Flyway flyway =
                Flyway.configure()
                        .dataSource(
                                settings.url(),
                                settings.username().orElse(null),
                                settings.password().orElse(null))
                        .locations(MIGRATIONS)
                        .table(HISTORY_TABLE)
                        .validateMigrationNaming(true)
                        .load();
        try {
            rejectNewerSchema(flyway, settings);
            flyway.migrate();
        } catch (FlywayException e) {
            throw new CatalogStoreException(describe(e, settings), e);
        }
        Properties credentials = new Properties();
        settings.username().ifPresent(user -> credentials.setProperty("user", user));
        settings.password().ifPresent(password -> credentials.setProperty("password", password));
        return new CatalogStore(Jdbi.create(settings.url(), credentials));
    }

    private static void rejectNewerSchema(Flyway flyway, StoreSettings settings) {
        MigrationInfo[] applied = flyway.info().applied();
        MigrationInfo[] known = flyway.info().all();
        int newestKnown = 0;
        for (MigrationInfo info : known) {
            if (info.getVersion() != null && info.getState().isResolved()) {
                newestKnown = Math.max(newestKnown, info.getVersion().getMajor().intValue());
            }
        }
        for (MigrationInfo info : applied) {
            if (info.getVersion() != null
                    && info.getVersion().getMajor().intValue() > newestKnown) {
                throw new CatalogStoreException(
                        "the catalog database at %s has schema version %s, newer than this Sluice knows (%d); upgrade Sluice or point 'url' at another database"
                                .formatted(settings.url(), info.getVersion(), newestKnown));
            }
        }
    }

    private static String describe(FlywayException e, StoreSettings settings) {
        SQLException sql = sqlCause(e);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String detail = sql == null ? e.getMessage() : sql.getMessage();
        if (state.equals("28P01") || state.equals("28000")) {
            return "the catalog database at %s refused user '%s': %s (check 'username' and 'password')"
                    .formatted(settings.url(), settings.username().orElse(""), detail);
        }
        if (state.startsWith("08") || detail.toLowerCase(Locale.ROOT).contains("connection")) {
            return "cannot connect to the catalog database at %s: %s (check 'url')"
                    .formatted(settings.url(), detail);
        }
        return "cannot open the catalog database at %s: %s".formatted(settings.url(), detail);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
