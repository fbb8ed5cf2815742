-- Sluice catalog, version 3: which dead letters `sluice dlq replay` produced again, so that a
-- second replay of the same records is a no-op. Portable between H2 2.x and PostgreSQL 12+.

CREATE TABLE sluice_dead_letter_replay (
    table_name       VARCHAR(1024) NOT NULL, -- catalog.database.table
    source_topic     VARCHAR(249)  NOT NULL,
    source_partition INTEGER       NOT NULL,
    source_offset    BIGINT        NOT NULL,
    replayed_to      VARCHAR(249)  NOT NULL,
    replayed_at      TIMESTAMP     NOT NULL,
    replayed_by      VARCHAR(256)  NOT NULL,
    PRIMARY KEY (table_name, source_topic, source_partition, source_offset)
);
