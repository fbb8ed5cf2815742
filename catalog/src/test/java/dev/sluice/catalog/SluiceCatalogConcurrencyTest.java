package dev.sluice.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.store.CatalogStores;
import dev.sluice.catalog.store.ConcurrentChangeException;
import dev.sluice.catalog.store.StoreSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two gateways sharing one PostgreSQL catalog. */
class SluiceCatalogConcurrencyTest {

    private static final ResolvedSchema SCHEMA =
            ResolvedSchema.of(Column.physical("id", DataTypes.BIGINT()));

    private SluiceCatalog first;
    private SluiceCatalog second;
    private ExecutorService threads;

    @BeforeEach
    void openTwoCatalogsOnOneDatabase() throws Exception {
        String url = EmbeddedPostgresDatabases.newDatabase();
        first = open(url);
        second = open(url);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
    }

    @Test
    void racingCreatesHaveExactlyOneWinnerPerName() throws Exception {
        List<Future<List<String>>> results = new ArrayList<>();
        for (SluiceCatalog catalog : List.of(first, second)) {
            results.add(threads.submit(createAll(catalog)));
        }
        List<String> won = new ArrayList<>();
        for (Future<List<String>> result : results) {
            won.addAll(result.get());
        }

        assertThat(won).hasSize(200).doesNotHaveDuplicates();
        assertThat(first.listTables("default_database")).hasSize(200);
    }

    @Test
    void racingAltersLoseNoUpdate() throws Exception {
        ObjectPath path = new ObjectPath("default_database", "counters");
        first.createTable(path, table(Map.of("connector", "blackhole")), false);
        AtomicInteger conflicts = new AtomicInteger();

        List<Future<?>> results = new ArrayList<>();
        for (SluiceCatalog catalog : List.of(first, second)) {
            String writer = catalog == first ? "first" : "second";
            results.add(
                    threads.submit(
                            () -> {
                                for (int i = 0; i < 200; i++) {
                                    addOptionRetrying(catalog, path, writer + "." + i, conflicts);
                                }
                                return null;
                            }));
        }
        for (Future<?> result : results) {
            result.get();
        }

        CatalogTable end = (CatalogTable) first.getTable(path);
        assertThat(end.getOptions()).hasSize(401);
        assertThat(conflicts.get()).as("the two writers really raced").isPositive();
    }

    private static void addOptionRetrying(
            SluiceCatalog catalog, ObjectPath path, String key, AtomicInteger conflicts)
            throws Exception {
        while (true) {
            CatalogTable current = (CatalogTable) catalog.getTable(path);
            Map<String, String> options = new HashMap<>(current.getOptions());
            options.put(key, "x");
            try {
                catalog.alterTable(path, table(options), false);
                return;
            } catch (ConcurrentChangeException e) {
                assertThat(e)
                        .hasMessage(
                                "'default_database.counters' was changed by another client at the same time; "
                                        + "nothing was written. Run the statement again.");
                conflicts.incrementAndGet();
            }
        }
    }

    private static Callable<List<String>> createAll(SluiceCatalog catalog) {
        return () -> {
            List<String> won = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String name = "t" + i;
                try {
                    catalog.createTable(
                            new ObjectPath("default_database", name),
                            table(Map.of("connector", "blackhole")),
                            false);
                    won.add(name);
                } catch (TableAlreadyExistException lost) {
                    // the other catalog created it first
                }
            }
            return won;
        };
    }

    private static ResolvedCatalogTable table(Map<String, String> options) {
        return new ResolvedCatalogTable(
                CatalogTable.newBuilder()
                        .schema(Schema.newBuilder().fromResolvedSchema(SCHEMA).build())
                        .options(options)
                        .build(),
                SCHEMA);
    }

    private static SluiceCatalog open(String url) {
        SluiceCatalog catalog =
                new SluiceCatalog(
                        "shared",
                        "default_database",
                        CatalogStores.open(
                                new StoreSettings(url, Optional.empty(), Optional.empty())));
        catalog.open();
        return catalog;
    }
}
