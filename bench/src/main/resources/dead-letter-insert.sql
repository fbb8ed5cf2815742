INSERT INTO bench_alerts
SELECT account_id, window_start, window_end, SUM(amount)
FROM TABLE(HOP(TABLE ${table}, DESCRIPTOR(event_time), INTERVAL '1' MINUTE, INTERVAL '10' MINUTES))
GROUP BY account_id, window_start, window_end
HAVING SUM(amount) > 10000;
