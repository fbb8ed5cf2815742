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

        replays.begin("c.d.a", "r1", first, List.of("t"), "test", 1_000);
        replays.confirm("r1");

        assertThat(replays.replayed("c.d.a")).containsExactlyInAnyOrderElementsOf(first);
        assertThat(replays.replayed("c.d.b")).isEmpty();
        assertThat(replays.pending("c.d.a")).isEmpty();
    }

    @Test
    void aReplayIsPendingUntilConfirmedAndForgettingItFreesItsRecords() {
        DeadLetterReplays replays = store.deadLetterReplays();
        List<Coordinates> letters = List.of(new Coordinates("t", 0, 5));

        replays.begin("c.d.a", "r2", letters, List.of("t", "u"), "test", 2_000);
        assertThat(replays.replayed("c.d.a")).isEmpty();
        assertThat(replays.pending("c.d.a"))
                .containsExactly(
                        new DeadLetterReplays.PendingReplay("r2", List.of("t", "u"), 2_000));

        replays.forget("r2");
        assertThat(replays.pending("c.d.a")).isEmpty();
        assertThat(replays.replayed("c.d.a")).isEmpty();
        // Forgotten, the same records can be replayed again.
        replays.begin("c.d.a", "r3", letters, List.of("t"), "test", 3_000);
        replays.confirm("r3");
        assertThat(replays.replayed("c.d.a")).containsExactlyElementsOf(letters);
    }
}
