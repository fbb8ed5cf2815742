-- Accounts whose 10-minute spending crossed 10,000 with at least one transaction scoring 0.8 or more.
CREATE TABLE IF NOT EXISTS high_risk_alerts (
    account_id   STRING,
    window_start TIMESTAMP(3),
    window_end   TIMESTAMP(3),
    total_amount DECIMAL(38, 2),
    max_score    DOUBLE
) WITH (
    'connector' = 'kafka',
    'topic' = 'high-risk-alerts',
    'key.format' = 'raw',
    'key.fields' = 'account_id',
    'value.format' = 'json',
    'value.fields-include' = 'ALL'
);
