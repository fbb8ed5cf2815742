package dev.sluice.catalog;

import dev.sluice.catalog.store.CatalogStores;
import dev.sluice.catalog.store.StoreSettings;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/** Flink's catalog contract suite against the catalog on a real PostgreSQL. */
class SluiceCatalogPostgresTest extends SluiceCatalogContract {

    @BeforeAll
    static void openCatalog() throws Exception {
        catalog =
                new SluiceCatalog(
                        TEST_CATALOG_NAME,
                        "default",
                        CatalogStores.open(
                                new StoreSettings(
                                        EmbeddedPostgresDatabases.newDatabase(),
                                        Optional.empty(),
                                        Optional.empty())));
        catalog.open();
    }
}
