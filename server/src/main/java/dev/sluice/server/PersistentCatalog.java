package dev.sluice.server;

import dev.sluice.catalog.SluiceCatalog;
import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.catalog.store.CatalogStoreException;
import dev.sluice.catalog.store.CatalogStores;
import dev.sluice.catalog.store.StoreSettings;
import dev.sluice.policy.eo.KafkaTableDefaults;
import dev.sluice.server.service.DefaultCatalog;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.table.api.config.TableConfigOptions;

/** The catalog every session of the stack starts in, kept in the catalog database. */
public final class PersistentCatalog implements AutoCloseable {

    static final String NAME = TableConfigOptions.TABLE_CATALOG_NAME.defaultValue();
    static final String DATABASE = TableConfigOptions.TABLE_DATABASE_NAME.defaultValue();

    private final CatalogStore store;
    private final String description;

    private PersistentCatalog(CatalogStore store, String description) {
        this.store = store;
        this.description = description;
    }

    /**
     * Opens the configured catalog database, or an H2 file under {@code dataDir} (in the settings
     * that make an acknowledged statement survive a killed process: see {@code
     * CatalogStores.durable}).
     */
    public static PersistentCatalog open(Optional<StoreSettings> configured, Path dataDir) {
        StoreSettings settings =
                configured.orElseGet(
                        () ->
                                new StoreSettings(
                                        "jdbc:h2:file:"
                                                + dataDir.resolve("catalog").resolve("sluice"),
                                        Optional.empty(),
                                        Optional.empty()));
        try {
            return new PersistentCatalog(
                    CatalogStores.open(settings),
                    configured.isPresent() ? settings.url() : "H2, " + dataDir.resolve("catalog"));
        } catch (CatalogStoreException e) {
            throw new StartupException(
                    e.getMessage().replace("check 'url'", "check --catalog-url")
                            + (configured.isEmpty() ? " (change --data-dir)" : ""),
                    e);
        }
    }

    public DefaultCatalog defaultCatalog(Optional<String> kafkaBootstrap) {
        return new DefaultCatalog(
                NAME,
                (config, classLoader) ->
                        SluiceCatalog.withTableDefaults(
                                NAME,
                                DATABASE,
                                store,
                                KafkaTableDefaults.forSession(kafkaBootstrap, config)));
    }

    public CatalogStore store() {
        return store;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        store.close();
    }
}
