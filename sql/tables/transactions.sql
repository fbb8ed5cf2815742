-- Card transactions, as `sluice generate transactions` writes them: JSON, keyed by account.
-- Sluice fills in the Kafka bootstrap servers and read_committed isolation.
CREATE TABLE IF NOT EXISTS transactions (
    account_id STRING,
    merchant   STRING,
    amount     DECIMAL(12, 2),
    country    STRING,
    event_time TIMESTAMP(3),
    -- Terminals report a few seconds late and out of order: wait 5 s before closing a window.
    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'transactions',
    'scan.startup.mode' = 'earliest-offset',
    'format' = 'json'
);
