package dev.sluice.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogStoresTest {

    @Test
    void h2FilesOpenAppendOnlyWithImmediateWrites() {
        assertThat(url("jdbc:h2:file:/data/catalog/sluice"))
                .isEqualTo("jdbc:h2:file:/data/catalog/sluice;WRITE_DELAY=0;REUSE_SPACE=FALSE");
        assertThat(url("jdbc:h2:file:/c;write_delay=100"))
                .as("an explicit choice stays")
                .isEqualTo("jdbc:h2:file:/c;write_delay=100;REUSE_SPACE=FALSE");
        assertThat(url("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(url("jdbc:postgresql://db:5432/sluice"))
                .isEqualTo("jdbc:postgresql://db:5432/sluice");
    }

    private static String url(String url) {
        return CatalogStores.durable(new StoreSettings(url, Optional.empty(), Optional.empty()))
                .url();
    }
}
