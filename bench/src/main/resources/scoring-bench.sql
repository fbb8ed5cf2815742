-- ScoringBenchmark: the scoring pipeline's shape, with and without the fraud functions,
-- over a bounded read of ${topic} into a blackhole sink.
CREATE TEMPORARY TABLE bench_tx (
    account_id STRING,
    merchant   STRING,
    amount     DECIMAL(12, 2),
    country    STRING,
    event_time TIMESTAMP(3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = '${topic}',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset',
    'format' = 'json'
);
CREATE TEMPORARY FUNCTION bench_score AS 'dev.sluice.udfs.FraudScore';
CREATE TEMPORARY FUNCTION bench_reasons AS 'dev.sluice.udfs.FraudReasons';
CREATE TEMPORARY VIEW bench_features AS
SELECT account_id, merchant, amount, country, event_time,
    AVG(CAST(amount AS DOUBLE)) OVER w        AS mean_amount,
    STDDEV_POP(CAST(amount AS DOUBLE)) OVER w AS stddev_amount,
    COUNT(*) OVER w                           AS recent_count
FROM bench_tx
WINDOW w AS (PARTITION BY account_id ORDER BY event_time
    RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW);
CREATE TEMPORARY TABLE bench_plain (
    account_id STRING, amount DECIMAL(12, 2), mean_amount DOUBLE, stddev_amount DOUBLE, recent_count BIGINT
) WITH ('connector' = 'blackhole');
CREATE TEMPORARY TABLE bench_scored (
    account_id STRING, amount DECIMAL(12, 2), score DOUBLE, reasons ARRAY<STRING>
) WITH ('connector' = 'blackhole');
