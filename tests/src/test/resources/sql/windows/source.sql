CREATE TEMPORARY TABLE tx (
    account_id STRING,
    merchant   STRING,
    amount     DECIMAL(12, 2),
    country    STRING,
    event_time TIMESTAMP(3),
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = '${source_topic}',
    'scan.startup.mode' = 'earliest-offset',
    'format' = 'json'
);
