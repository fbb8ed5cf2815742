package dev.sluice.catalog;

import dev.sluice.catalog.store.CatalogStores;
import dev.sluice.catalog.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/** Flink's catalog contract suite against the catalog on an H2 file database. */
class SluiceCatalogH2Test extends SluiceCatalogContract {

    @BeforeAll
    static void openCatalog() throws Exception {
        Path dir = Files.createTempDirectory("sluice-catalog-h2-");
        catalog =
                new SluiceCatalog(
                        TEST_CATALOG_NAME,
                        "default",
                        CatalogStores.open(
                                new StoreSettings(
                                        "jdbc:h2:file:" + dir.resolve("catalog"),
                                        Optional.empty(),
                                        Optional.empty())));
        catalog.open();
    }
}
