CREATE TEMPORARY TABLE agg (
    account_id   STRING,
    window_start TIMESTAMP(3),
    window_end   TIMESTAMP(3),
    total_amount DECIMAL(38, 2),
    tx_count     BIGINT
) WITH (
    'connector' = 'kafka',
    'topic' = '${sink_topic}',
    'format' = 'json'
);
