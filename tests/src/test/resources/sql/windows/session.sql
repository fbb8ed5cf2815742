INSERT INTO agg
SELECT account_id, window_start, window_end, SUM(amount), COUNT(*)
FROM TABLE(SESSION(TABLE tx PARTITION BY account_id, DESCRIPTOR(event_time), INTERVAL '2' MINUTES))
GROUP BY account_id, window_start, window_end;
