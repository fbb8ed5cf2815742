-- Sluice catalog, version 1. Portable between H2 2.x and PostgreSQL 12+.
-- Every catalog object carries a version, incremented by each change, for optimistic locking.

CREATE TABLE catalog_database (
    name        VARCHAR(512) NOT NULL PRIMARY KEY,
    comment     VARCHAR,
    properties  VARCHAR      NOT NULL, -- JSON object of strings
    version     BIGINT       NOT NULL,
    updated_at  TIMESTAMP    NOT NULL
);

-- Tables and views share one namespace per database, as in Flink.
CREATE TABLE catalog_object (
    database_name VARCHAR(512) NOT NULL REFERENCES catalog_database (name),
    name          VARCHAR(512) NOT NULL,
    kind          VARCHAR(32)  NOT NULL, -- TABLE or VIEW
    definition    VARCHAR      NOT NULL, -- JSON object of strings: Flink's catalog property format
    version       BIGINT       NOT NULL,
    updated_at    TIMESTAMP    NOT NULL,
    PRIMARY KEY (database_name, name)
);

CREATE TABLE catalog_function (
    database_name VARCHAR(512) NOT NULL REFERENCES catalog_database (name),
    name          VARCHAR(512) NOT NULL,
    class_name    VARCHAR      NOT NULL,
    language      VARCHAR(16)  NOT NULL,
    resources     VARCHAR      NOT NULL, -- JSON array of {"type", "uri"}
    version       BIGINT       NOT NULL,
    updated_at    TIMESTAMP    NOT NULL,
    PRIMARY KEY (database_name, name)
);
