-- Fraud alerts: per account, the total spent in the last 10 minutes, re-evaluated every minute
-- (a HOP window of 10 minutes sliding by 1 minute). Totals over 10,000 raise an alert.
INSERT INTO fraud_alerts
SELECT
    account_id,
    window_start,
    window_end,
    SUM(amount) AS total_amount,
    COUNT(*)    AS tx_count
FROM TABLE(
    HOP(TABLE transactions, DESCRIPTOR(event_time), INTERVAL '1' MINUTE, INTERVAL '10' MINUTES))
GROUP BY account_id, window_start, window_end
HAVING SUM(amount) > 10000;
