package dev.sluice.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentRegistryTest {

    @TempDir Path tmp;

    @Test
    void pipelinesAndManagedObjectsRoundTrip() {
        try (CatalogStore store = CatalogStores.open(h2("registry"))) {
            DeploymentRegistry registry = store.deployments();
            DeployedPipeline pipeline =
                    new DeployedPipeline(
                            "fraud_alerts",
                            "pipelines/fraud_alerts.sql",
                            "ab".repeat(32),
                            List.of("SET 'pipeline.name' = 'x'", "INSERT INTO a SELECT * FROM b"),
                            Optional.empty(),
                            DeployedPipeline.State.STARTING,
                            Optional.empty(),
                            Instant.now().truncatedTo(ChronoUnit.MILLIS),
                            "alice");
            registry.save(pipeline);
            assertThat(registry.pipeline("fraud_alerts")).contains(pipeline);

            DeployedPipeline running =
                    pipeline.withJob(
                                    "0123456789abcdef0123456789abcdef",
                                    DeployedPipeline.State.RUNNING,
                                    "bob")
                            .withState(
                                    DeployedPipeline.State.RUNNING,
                                    Optional.of("file:/sp/1"),
                                    "bob");
            registry.save(running);
            assertThat(registry.pipelines()).hasSize(1);
            DeployedPipeline read = registry.pipeline("fraud_alerts").orElseThrow();
            assertThat(read.jobId()).contains("0123456789abcdef0123456789abcdef");
            assertThat(read.lastSavepoint()).contains("file:/sp/1");
            assertThat(read.updatedBy()).isEqualTo("bob");
            assertThat(read.statements()).isEqualTo(pipeline.statements());

            ManagedObject table =
                    new ManagedObject("default_database", "transactions", "TABLE", "tables/t.sql");
            registry.manage(table);
            registry.manage(table);
            assertThat(registry.managedObjects()).containsExactly(table);
            registry.forget(table);
            assertThat(registry.managedObjects()).isEmpty();

            assertThat(registry.removePipeline("fraud_alerts")).isTrue();
            assertThat(registry.removePipeline("fraud_alerts")).isFalse();
            assertThat(registry.pipelines()).isEmpty();
        }
    }

    /** A catalog written by the first Sluice release opens, migrated, with nothing lost. */
    @Test
    void aVersion1CatalogMigratesForwardKeepingItsObjects() throws Exception {
        StoreSettings settings = h2("v1");
        Flyway.configure()
                .dataSource(settings.url(), null, null)
                .locations(CatalogStores.MIGRATIONS)
                .table(CatalogStores.HISTORY_TABLE)
                .target("1")
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(settings.url());
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO catalog_database (name, comment, properties, version, updated_at) "
                            + "VALUES ('db', NULL, '{}', 1, CURRENT_TIMESTAMP)");
            statement.execute(
                    "INSERT INTO catalog_object (database_name, name, kind, definition, version, updated_at) "
                            + "VALUES ('db', 'old_table', 'TABLE', '{\"connector\":\"datagen\"}', 3, CURRENT_TIMESTAMP)");
        }

        try (CatalogStore store = CatalogStores.open(settings)) {
            StoredObject old = store.object("db", "old_table").orElseThrow();
            assertThat(old.definition()).isEqualTo(Map.of("connector", "datagen"));
            assertThat(old.version()).isEqualTo(3);
            assertThat(store.deployments().pipelines()).isEmpty();
        }
        try (Connection connection = DriverManager.getConnection(settings.url());
                Statement statement = connection.createStatement();
                ResultSet versions =
                        statement.executeQuery(
                                "SELECT \"version\" FROM \"sluice_catalog_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            List<String> applied = new java.util.ArrayList<>();
            while (versions.next()) {
                applied.add(versions.getString(1));
            }
            assertThat(applied).containsExactly("1", "2", "3", "4");
        }
    }

    private StoreSettings h2(String name) {
        return new StoreSettings(
                "jdbc:h2:file:" + tmp.resolve(name) + ";WRITE_DELAY=0",
                Optional.empty(),
                Optional.empty());
    }
}
