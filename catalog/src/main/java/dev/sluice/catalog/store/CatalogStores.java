package dev.sluice.catalog.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
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

    private static final int POOL_SIZE = 4;

    private CatalogStores() {}

    /**
     * Connects, migrates the schema to the newest version this Sluice knows and returns the store,
     * which owns a small connection pool until {@link CatalogStore#close()}.
     *
     * @throws CatalogStoreException with a message naming the option to fix when the database
     *     cannot be reached, refuses the credentials, or has a newer schema than this Sluice
     */
    public static CatalogStore open(StoreSettings requested) {
        return open(
                requested,
                SecretCipher.forUrl(
                        requested.url(),
                        Optional.ofNullable(System.getenv(SecretCipher.ENVIRONMENT))));
    }

    /**
     * @param secrets how secret option values are kept: encrypted on disk ({@link
     *     SecretCipher#forUrl})
     */
    public static CatalogStore open(StoreSettings requested, SecretCipher secrets) {
        StoreSettings settings = durable(requested);
        checkConnection(settings);
        HikariDataSource pool = pool(settings);
        try {
            Flyway flyway =
                    Flyway.configure()
                            .dataSource(pool)
                            .locations(MIGRATIONS)
                            .table(HISTORY_TABLE)
                            .validateMigrationNaming(true)
                            .load();
            rejectNewerSchema(flyway, settings);
            flyway.migrate();
            // H2 writes committed changes to its file in the background: a process killed right
            // after a commit would lose it. PostgreSQL's commit is durable by itself.
            Optional<String> durability =
                    settings.url().startsWith("jdbc:h2:file:")
                            ? Optional.of("CHECKPOINT SYNC")
                            : Optional.empty();
            return new CatalogStore(Jdbi.create(pool), pool, durability, secrets);
        } catch (FlywayException e) {
            pool.close();
            throw new CatalogStoreException(describe(e, settings), e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * H2 file databases get the two settings that make an acknowledged write survive a killed
     * process: {@code WRITE_DELAY=0} (every commit is written at once) and {@code
     * REUSE_SPACE=FALSE}. With space reuse, H2 writes new chunks into holes in the file, and after
     * a SIGKILL its recovery missed the newest of them: the last acknowledged CREATE TABLEs were
     * gone in 3 of 13 runs of the gateway's SIGKILL test, and in none of N after appending only.
     * The file grows between restarts and is compacted when the database closes.
     */
    static StoreSettings durable(StoreSettings settings) {
        String url = settings.url();
        if (!url.startsWith("jdbc:h2:file:")) {
            return settings;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        if (!upper.contains(";WRITE_DELAY=")) {
            url += ";WRITE_DELAY=0";
        }
        if (!upper.contains(";REUSE_SPACE=")) {
            url += ";REUSE_SPACE=FALSE";
        }
        return new StoreSettings(url, settings.username(), settings.password());
    }

    /** One plain connection first: its failure explains itself better than a pool timeout. */
    private static void checkConnection(StoreSettings settings) {
        try (Connection connection =
                DriverManager.getConnection(settings.url(), credentials(settings))) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new CatalogStoreException(describe(e, settings), e);
        }
    }

    private static HikariDataSource pool(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sluice-catalog");
        config.setJdbcUrl(settings.url());
        settings.username().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static Properties credentials(StoreSettings settings) {
        Properties credentials = new Properties();
        settings.username().ifPresent(user -> credentials.setProperty("user", user));
        settings.password().ifPresent(password -> credentials.setProperty("password", password));
        return credentials;
    }

    private static void rejectNewerSchema(Flyway flyway, StoreSettings settings) {
        int newestKnown = 0;
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getVersion() != null && info.getState().isResolved()) {
                newestKnown = Math.max(newestKnown, info.getVersion().getMajor().intValue());
            }
        }
        for (MigrationInfo info : flyway.info().applied()) {
            if (info.getVersion() != null
                    && info.getVersion().getMajor().intValue() > newestKnown) {
                throw new CatalogStoreException(
                        "the catalog database at %s has schema version %s, newer than this Sluice knows (%d); upgrade Sluice or point 'url' at another database"
                                .formatted(settings.url(), info.getVersion(), newestKnown));
            }
        }
    }

    private static String describe(Exception e, StoreSettings settings) {
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
        if (state.equals("90020") || detail.contains("already in use")) {
            return "the catalog database at %s is in use by another process: %s (stop it, or point 'url' at another database)"
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
