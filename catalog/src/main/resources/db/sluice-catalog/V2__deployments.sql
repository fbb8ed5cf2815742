-- Sluice catalog, version 2: what `sluice deploy` deployed. Portable between H2 2.x and PostgreSQL 12+.

-- One row per pipeline file that deploy started: which job runs it and from which text.
CREATE TABLE sluice_pipeline (
    name           VARCHAR(512)  NOT NULL PRIMARY KEY,
    file           VARCHAR(1024) NOT NULL,
    fingerprint    VARCHAR(64)   NOT NULL, -- SHA-256 of the normalized statements
    statements     VARCHAR       NOT NULL, -- JSON array of the file's statements, as deployed
    job_id         VARCHAR(32),            -- chosen before submission, so a crash cannot orphan a job
    state          VARCHAR(32)   NOT NULL, -- STARTING, RUNNING, STOPPED
    last_savepoint VARCHAR(2048),
    updated_at     TIMESTAMP     NOT NULL,
    updated_by     VARCHAR(256)  NOT NULL,
    version        BIGINT        NOT NULL
);

-- Catalog objects that deploy created from a file: only these may be dropped by `deploy --prune`.
CREATE TABLE sluice_managed_object (
    database_name VARCHAR(512)  NOT NULL,
    name          VARCHAR(512)  NOT NULL,
    kind          VARCHAR(32)   NOT NULL, -- TABLE, VIEW or FUNCTION
    file          VARCHAR(1024) NOT NULL,
    updated_at    TIMESTAMP     NOT NULL,
    PRIMARY KEY (database_name, name, kind)
);
