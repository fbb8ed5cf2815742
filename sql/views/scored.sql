-- Every transaction scored against the account's last hour: its amounts (mean, standard
-- deviation, count, this transaction included), the merchant, the country and the hour of day.
-- Pipelines read it; its event_time stays the event-time attribute.
CREATE VIEW IF NOT EXISTS scored AS
SELECT
    account_id,
    merchant,
    amount,
    country,
    event_time,
    fraud_score(CAST(amount AS DOUBLE), mean_amount, stddev_amount, recent_count, recent_count,
                merchant, country, CAST(HOUR(event_time) AS INT))   AS score,
    fraud_reasons(CAST(amount AS DOUBLE), mean_amount, stddev_amount, recent_count, recent_count,
                  merchant, country, CAST(HOUR(event_time) AS INT)) AS reasons
FROM (
    SELECT
        account_id,
        merchant,
        amount,
        country,
        event_time,
        AVG(CAST(amount AS DOUBLE)) OVER last_hour        AS mean_amount,
        STDDEV_POP(CAST(amount AS DOUBLE)) OVER last_hour AS stddev_amount,
        COUNT(*) OVER last_hour                           AS recent_count
    FROM transactions
    WINDOW last_hour AS (
        PARTITION BY account_id
        ORDER BY event_time
        RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)
);
