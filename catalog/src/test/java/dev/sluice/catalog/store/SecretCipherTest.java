package dev.sluice.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret option values are encrypted in the catalog's files, and only the right key reads them. */
class SecretCipherTest {

    private static final String KEY = "correct horse battery staple";

    @TempDir Path dir;

    private final String secret = "hunter2-" + UUID.randomUUID();

    @Test
    void secretsAreEncryptedOnDiskAndReadBackInTheClear() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("catalog");
        try (CatalogStore store = open(url, SecretCipher.withPassphrase(KEY))) {
            store.createDatabase(new StoredDatabase("db", Optional.empty(), Map.of()));
            assertThat(store.createObject(table())).isTrue();

            assertThat(store.object("db", "secretive").orElseThrow().definition())
                    .containsEntry("properties.ssl.key.password", secret)
                    .containsEntry("connector", "kafka");
        }

        assertThat(filesContain(secret)).as("the secret in plain text on disk").isFalse();
        assertThat(filesContain("sluice-encrypted:v1:")).isTrue();
        try (CatalogStore wrongKey =
                open(url, SecretCipher.withPassphrase("another key, 16+ chars"))) {
            assertThatThrownBy(() -> wrongKey.object("db", "secretive"))
                    .isInstanceOf(CatalogStoreException.class)
                    .hasMessageContaining("is not the key it was stored with");
        }
    }

    @Test
    void withoutAKeyASecretIsRefusedWithTheFix() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("catalog");
        try (CatalogStore store = open(url, SecretCipher.forUrl(url, Optional.empty()))) {
            store.createDatabase(new StoredDatabase("db", Optional.empty(), Map.of()));

            assertThatThrownBy(() -> store.createObject(table()))
                    .isInstanceOf(CatalogStoreException.class)
                    .hasMessageContaining("'properties.ssl.key.password'")
                    .hasMessageContaining("Set SLUICE_SECRET_KEY")
                    .hasMessageNotContaining(secret);
            assertThat(store.object("db", "secretive")).isEmpty();
        }
    }

    @Test
    void inMemoryCatalogsKeepSecretsAsTheyAre() {
        String url = "jdbc:h2:mem:secrets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (CatalogStore store = open(url, SecretCipher.forUrl(url, Optional.empty()))) {
            store.createDatabase(new StoredDatabase("db", Optional.empty(), Map.of()));
            store.createObject(table());

            assertThat(store.object("db", "secretive").orElseThrow().definition())
                    .containsEntry("properties.ssl.key.password", secret);
        }
    }

    private StoredObject table() {
        return new StoredObject(
                "db",
                "secretive",
                StoredObject.Kind.TABLE,
                Map.of("connector", "kafka", "properties.ssl.key.password", secret),
                0);
    }

    private static CatalogStore open(String url, SecretCipher cipher) {
        return CatalogStores.open(
                new StoreSettings(url, Optional.empty(), Optional.empty()), cipher);
    }

    private boolean filesContain(String text) throws Exception {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), wanted) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
