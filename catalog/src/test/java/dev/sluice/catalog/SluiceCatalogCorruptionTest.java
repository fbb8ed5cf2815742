package dev.sluice.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.catalog.store.CatalogStores;
import dev.sluice.catalog.store.CorruptedRowException;
import dev.sluice.catalog.store.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceCatalogCorruptionTest {

    @TempDir Path tmp;

    @Test
    void aCorruptedRowNamesTheObjectAndSparesTheRest() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("catalog");
        SluiceCatalog catalog =
                SluiceCatalog.owning(
                        "c",
                        "db",
                        CatalogStores.open(
                                new StoreSettings(url, Optional.empty(), Optional.empty())));
        catalog.open();
        catalog.createDatabase("other", new CatalogDatabaseImpl(Map.of(), null), false);
        ResolvedSchema schema = ResolvedSchema.of(Column.physical("id", DataTypes.INT()));
        ResolvedCatalogTable table =
                new ResolvedCatalogTable(
                        CatalogTable.newBuilder()
                                .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                                .options(Map.of("connector", "blackhole"))
                                .build(),
                        schema);
        catalog.createTable(new ObjectPath("db", "broken"), table, false);
        catalog.createTable(new ObjectPath("db", "fine"), table, false);
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "UPDATE catalog_object SET definition = '{not json' WHERE name = 'broken'");
        }

        assertThatThrownBy(() -> catalog.getTable(new ObjectPath("db", "broken")))
                .isInstanceOf(CorruptedRowException.class)
                .hasMessageStartingWith(
                        "the catalog entry for 'db.broken' is corrupted and cannot be read")
                .hasMessageContaining("drop and re-create it");
        assertThat(catalog.getTable(new ObjectPath("db", "fine"))).isNotNull();
        catalog.dropTable(new ObjectPath("db", "broken"), false);
        assertThat(catalog.listTables("db")).containsExactly("fine");
        catalog.close();
    }
}
