package dev.sluice.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.store.DeadLetterReplays.Coordinates;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterReplaysTest {

    private final CatalogStore store =
            CatalogStores.open(
                    new StoreSettings(
                            "jdbc:h2:mem:replays-" + UUID.randomUUID(),
                            Optional.empty(),
                            Optional.empty()));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void remembersWhichRecordsOfWhichTableWereReplayed() {
        DeadLetterReplays replays = store.deadLetterReplays();
        List<Coordinates> first = List.of(new Coordinates("t", 0, 5), new Coordinates("t", 1, 9));

        replays.record("c.d.a", first, "t", "test");

        assertThat(replays.replayed("c.d.a")).containsExactlyInAnyOrderElementsOf(first);
        assertThat(replays.replayed("c.d.b")).isEmpty();
    }
}
