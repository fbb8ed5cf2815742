-- The HOP fraud rule (over 10,000 in 10 minutes, every minute) confirmed by the fraud score.
INSERT INTO high_risk_alerts
SELECT account_id, window_start, window_end, SUM(amount), MAX(score)
FROM TABLE(
    HOP(TABLE scored, DESCRIPTOR(event_time), INTERVAL '1' MINUTE, INTERVAL '10' MINUTES))
GROUP BY account_id, window_start, window_end
HAVING SUM(amount) > 10000 AND MAX(score) >= 0.8;
