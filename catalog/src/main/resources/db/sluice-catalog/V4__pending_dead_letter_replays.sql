-- Sluice catalog, version 4: a replay is written down before its Kafka transaction commits and
-- confirmed after. A gateway that dies in between leaves the replay pending; the next replay of
-- the table looks for its records in Kafka (they carry its id) and confirms or forgets it,
-- instead of producing them again. Portable between H2 2.x and PostgreSQL 12+.

CREATE TABLE sluice_dead_letter_replay_run (
    replay_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    table_name    VARCHAR(1024) NOT NULL,
    topics        VARCHAR(4096) NOT NULL, -- where its records went, comma-separated
    started_at_ms BIGINT        NOT NULL
);

-- The run a replayed dead letter belongs to; NULL for replays recorded before version 4.
ALTER TABLE sluice_dead_letter_replay ADD COLUMN replay_id VARCHAR(64);
