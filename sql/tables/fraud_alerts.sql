-- One record per account and 10-minute window in which the account spent more than 10,000.
-- Sluice makes the sink exactly-once: transactional, committed on each checkpoint.
CREATE TABLE IF NOT EXISTS fraud_alerts (
    account_id   STRING,
    window_start TIMESTAMP(3),
    window_end   TIMESTAMP(3),
    total_amount DECIMAL(38, 2),
    tx_count     BIGINT
) WITH (
    'connector' = 'kafka',
    'topic' = 'fraud-alerts',
    'key.format' = 'raw',
    'key.fields' = 'account_id',
    'value.format' = 'json',
    'value.fields-include' = 'ALL'
);
