package dev.sluice.catalog.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which dead letters of a table were replayed: by their source coordinates, so that {@code sluice
 * dlq replay} produces each at most once however often it runs.
 */
public final class DeadLetterReplays {

    /** A source record's coordinates. */
    public record Coordinates(String topic, int partition, long offset) {}

    private final CatalogStore store;

    DeadLetterReplays(CatalogStore store) {
        this.store = store;
    }

    /** The coordinates of the table's dead letters that were replayed. */
    public Set<Coordinates> replayed(String table) {
        return store.read(
                h ->
                        new HashSet<>(
                                h.createQuery(
                                                "SELECT source_topic, source_partition, source_offset"
                                                        + " FROM sluice_dead_letter_replay WHERE table_name = :table")
                                        .bind("table", table)
                                        .map(
                                                (rs, ctx) ->
                                                        new Coordinates(
                                                                rs.getString(1),
                                                                rs.getInt(2),
                                                                rs.getLong(3)))
                                        .list()));
    }

    /** Records that these were replayed to {@code topic}, in one transaction. */
    public void record(String table, List<Coordinates> replayed, String topic, String user) {
        Timestamp now = Timestamp.from(Instant.now());
        store.write(
                h -> {
                    for (Coordinates c : replayed) {
                        h.createUpdate(
                                        "INSERT INTO sluice_dead_letter_replay (table_name, source_topic,"
                                                + " source_partition, source_offset, replayed_to, replayed_at, replayed_by)"
                                                + " VALUES (:table, :topic, :partition, :offset, :to, :at, :by)")
                                .bind("table", table)
                                .bind("topic", c.topic())
                                .bind("partition", c.partition())
                                .bind("offset", c.offset())
                                .bind("to", topic)
                                .bind("at", now)
                                .bind("by", user)
                                .execute();
                    }
                    return null;
                });
    }
}
