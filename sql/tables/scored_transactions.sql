-- Every transaction with its fraud score and the reasons for it.
CREATE TABLE IF NOT EXISTS scored_transactions (
    account_id STRING,
    merchant   STRING,
    amount     DECIMAL(12, 2),
    country    STRING,
    event_time TIMESTAMP(3),
    score      DOUBLE,
    reasons    ARRAY<STRING>
) WITH (
    'connector' = 'kafka',
    'topic' = 'scored-transactions',
    'key.format' = 'raw',
    'key.fields' = 'account_id',
    'value.format' = 'json',
    'value.fields-include' = 'ALL'
);
