-- DeadLetterBenchmark: the fraud pipeline's HOP aggregation over three catalog tables of the same
-- shape: over a clean topic read by plain Kafka ('sluice.on-error' = 'fail') and by Sluice's
-- dead-letter connector (the default), and over a topic with 1 % malformed records.
CREATE TABLE plain_${id} (
    account_id STRING, merchant STRING, amount DECIMAL(12, 2), country STRING, event_time TIMESTAMP(3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = '${clean}', 'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset', 'format' = 'json', 'sluice.on-error' = 'fail');
CREATE TABLE wrapped_${id} (
    account_id STRING, merchant STRING, amount DECIMAL(12, 2), country STRING, event_time TIMESTAMP(3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = '${clean}', 'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TABLE dirty_${id} (
    account_id STRING, merchant STRING, amount DECIMAL(12, 2), country STRING, event_time TIMESTAMP(3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = '${dirty}', 'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset', 'format' = 'json');
CREATE TEMPORARY TABLE bench_alerts (
    account_id STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), total_amount DECIMAL(38, 2)
) WITH ('connector' = 'blackhole');
