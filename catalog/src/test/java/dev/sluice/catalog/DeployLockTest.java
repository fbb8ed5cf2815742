package dev.sluice.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.catalog.store.CatalogStores;
import dev.sluice.catalog.store.DeploymentRegistry.DeployLock;
import dev.sluice.catalog.store.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deploy lock of gateways that share one catalog database. */
class DeployLockTest {

    private CatalogStore first;
    private CatalogStore second;

    @AfterEach
    void close() {
        for (CatalogStore store : new CatalogStore[] {first, second}) {
            if (store != null) {
                store.close();
            }
        }
    }

    @Test
    void oneGatewayAtATimeHoldsTheLockOfASharedPostgresCatalog() throws Exception {
        String url = EmbeddedPostgresDatabases.newDatabase();
        first = open(url);
        second = open(url);

        Optional<DeployLock> held = first.deployments().tryLock();
        assertThat(held).isPresent();
        assertThat(second.deployments().tryLock()).isEmpty();
        assertThat(first.deployments().tryLock()).as("not reentrant across connections").isEmpty();

        held.get().close();
        Optional<DeployLock> next = second.deployments().tryLock();
        assertThat(next).isPresent();
        assertThat(first.deployments().tryLock()).isEmpty();
        next.get().close();
    }

    @Test
    void aGatewayThatDiesWhileHoldingTheLockLeavesItFree() throws Exception {
        String url = EmbeddedPostgresDatabases.newDatabase();
        first = open(url);
        second = open(url);
        assertThat(first.deployments().tryLock()).isPresent();
        assertThat(second.deployments().tryLock()).isEmpty();

        // The holder's connection goes away as it would with its process.
        try (Connection admin = DriverManager.getConnection(url, "postgres", "postgres");
                Statement statement = admin.createStatement();
                ResultSet terminated =
                        statement.executeQuery(
                                "SELECT pg_terminate_backend(pid) FROM pg_locks"
                                        + " WHERE locktype = 'advisory' AND pid <> pg_backend_pid()"
                                        + " AND database = (SELECT oid FROM pg_database"
                                        + " WHERE datname = current_database())")) {
            assertThat(terminated.next()).isTrue();
            assertThat(terminated.getBoolean(1)).isTrue();
        }

        // pg_terminate_backend only signals the backend; its locks go when it has exited.
        DeployLock taken =
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> second.deployments().tryLock(), Optional::isPresent)
                        .orElseThrow();
        taken.close();
    }

    @Test
    void anH2CatalogBelongsToOneGatewaySoItsLockIsAlwaysFree() {
        first = open("jdbc:h2:mem:lock-" + UUID.randomUUID());

        Optional<DeployLock> lock = first.deployments().tryLock();
        assertThat(lock).isPresent();
        assertThat(first.deployments().tryLock()).isPresent();
        lock.get().close();
    }

    private static CatalogStore open(String url) {
        return CatalogStores.open(new StoreSettings(url, Optional.empty(), Optional.empty()));
    }
}
