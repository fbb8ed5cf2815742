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

    /** A replay written down before its Kafka transaction committed, not yet confirmed. */
    public record PendingReplay(String id, List<String> topics, long startedAtMs) {}

    /** The coordinates of the table's dead letters whose replay was confirmed. */
    public Set<Coordinates> replayed(String table) {
        return store.read(
                h ->
                        new HashSet<>(
                                h.createQuery(
                                                "SELECT source_topic, source_partition, source_offset"
                                                        + " FROM sluice_dead_letter_replay WHERE table_name = :table"
                                                        + " AND (replay_id IS NULL OR replay_id NOT IN"
                                                        + " (SELECT replay_id FROM sluice_dead_letter_replay_run))")
                                        .bind("table", table)
                                        .map(
                                                (rs, ctx) ->
                                                        new Coordinates(
                                                                rs.getString(1),
                                                                rs.getInt(2),
                                                                rs.getLong(3)))
                                        .list()));
    }

    /** The table's replays whose outcome is not known: the gateway stopped during them. */
    public List<PendingReplay> pending(String table) {
        return store.read(
                h ->
                        h.createQuery(
                                        "SELECT replay_id, topics, started_at_ms FROM sluice_dead_letter_replay_run"
                                                + " WHERE table_name = :table ORDER BY started_at_ms")
                                .bind("table", table)
                                .map(
                                        (rs, ctx) ->
                                                new PendingReplay(
                                                        rs.getString(1),
                                                        List.of(rs.getString(2).split(",")),
                                                        rs.getLong(3)))
                                .list());
    }

    /**
     * Writes a replay down, pending, before its records are produced: these dead letters, to {@code
     * topics}. Until {@link #confirm} or {@link #forget}, {@link #replayed} leaves them out and
     * {@link #pending} lists the replay.
     */
    public void begin(
            String table,
            String replayId,
            List<Coordinates> letters,
            List<String> topics,
            String user,
            long startedAtMs) {
        Timestamp now = Timestamp.from(Instant.ofEpochMilli(startedAtMs));
        String to = String.join(",", topics);
        store.write(
                h -> {
                    h.createUpdate(
                                    "INSERT INTO sluice_dead_letter_replay_run (replay_id, table_name, topics, started_at_ms)"
                                            + " VALUES (:id, :table, :topics, :started)")
                            .bind("id", replayId)
                            .bind("table", table)
                            .bind("topics", to)
                            .bind("started", startedAtMs)
                            .execute();
                    for (Coordinates c : letters) {
                        h.createUpdate(
                                        "INSERT INTO sluice_dead_letter_replay (table_name, source_topic,"
                                                + " source_partition, source_offset, replayed_to, replayed_at, replayed_by, replay_id)"
                                                + " VALUES (:table, :topic, :partition, :offset, :to, :at, :by, :id)")
                                .bind("table", table)
                                .bind("topic", c.topic())
                                .bind("partition", c.partition())
                                .bind("offset", c.offset())
                                .bind("to", to.length() > 249 ? to.substring(0, 249) : to)
                                .bind("at", now)
                                .bind("by", user)
                                .bind("id", replayId)
                                .execute();
                    }
                    return null;
                });
    }

    /** The coordinates of the dead letters a replay produced (or set out to). */
    public Set<Coordinates> lettersOf(String replayId) {
        return store.read(
                h ->
                        new HashSet<>(
                                h.createQuery(
                                                "SELECT source_topic, source_partition, source_offset"
                                                        + " FROM sluice_dead_letter_replay WHERE replay_id = :id")
                                        .bind("id", replayId)
                                        .map(
                                                (rs, ctx) ->
                                                        new Coordinates(
                                                                rs.getString(1),
                                                                rs.getInt(2),
                                                                rs.getLong(3)))
                                        .list()));
    }

    /** The replay's transaction committed: its dead letters count as replayed. */
    public void confirm(String replayId) {
        store.write(
                h ->
                        h.createUpdate(
                                        "DELETE FROM sluice_dead_letter_replay_run WHERE replay_id = :id")
                                .bind("id", replayId)
                                .execute());
    }

    /** The replay's transaction did not commit: its dead letters are to be replayed again. */
    public void forget(String replayId) {
        store.write(
                h -> {
                    h.createUpdate("DELETE FROM sluice_dead_letter_replay WHERE replay_id = :id")
                            .bind("id", replayId)
                            .execute();
                    h.createUpdate(
                                    "DELETE FROM sluice_dead_letter_replay_run WHERE replay_id = :id")
                            .bind("id", replayId)
                            .execute();
                    return null;
                });
    }
}
