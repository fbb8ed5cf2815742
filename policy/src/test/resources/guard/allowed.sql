-- Nothing here is refused.
SET 'parallelism.default' = '2';
SET 'table.exec.state.ttl' = '1 h';
CREATE TABLE clicks (
    user_id STRING,
    url     STRING
) WITH (
    'connector' = 'kafka',
    'topic' = 'clicks',
    'format' = 'json',
    'properties.security.protocol' = 'PLAINTEXT'
);
INSERT INTO clicks /*+ OPTIONS('sink.parallelism' = '1') */ SELECT 'u1', '/home';
CREATE CATALOG scratch WITH ('type' = 'generic_in_memory');
CREATE TEMPORARY FUNCTION z_score AS 'dev.sluice.udfs.ZScore';
SELECT z_score(1.0, 0.0, 1.0);
