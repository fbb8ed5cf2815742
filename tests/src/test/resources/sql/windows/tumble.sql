INSERT INTO agg
SELECT account_id, window_start, window_end, SUM(amount), COUNT(*)
FROM TABLE(TUMBLE(TABLE tx, DESCRIPTOR(event_time), INTERVAL '5' MINUTES))
GROUP BY account_id, window_start, window_end;
