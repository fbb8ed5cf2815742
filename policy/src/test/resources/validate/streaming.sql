-- Streaming rules: event time, unbounded state, legacy windows.
CREATE TABLE payments (
    account_id STRING,
    amount     DECIMAL(12, 2),
    paid_at    TIMESTAMP(3)
) WITH ('connector' = 'kafka', 'topic' = 'payments', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset');
CREATE TABLE totals (
    account_id STRING,
    total      DECIMAL(38, 2),
    PRIMARY KEY (account_id) NOT ENFORCED
) WITH ('connector' = 'upsert-kafka', 'topic' = 'totals', 'key.format' = 'json', 'value.format' = 'json');
CREATE TABLE windowed_totals (
    account_id   STRING,
    window_start TIMESTAMP(3),
    total        DECIMAL(38, 2)
) WITH ('connector' = 'kafka', 'topic' = 'windowed-totals', 'format' = 'json');
-- A window TVF over a table without a watermark.
INSERT INTO windowed_totals
SELECT account_id, window_start, SUM(amount)
FROM TABLE(TUMBLE(TABLE payments, DESCRIPTOR(paid_at), INTERVAL '1' MINUTE))
GROUP BY account_id, window_start, window_end;
-- A GROUP BY without a window and without a state TTL.
INSERT INTO totals
SELECT account_id, SUM(amount)
FROM payments
GROUP BY account_id;
-- Text that merely reads STATE_TTL, in a comment or as a name, does not bound the state.
INSERT INTO totals /* STATE_TTL('payments' = '1h') */
SELECT account_id, SUM(amount) FROM payments GROUP BY account_id;
INSERT INTO totals
SELECT account_id, SUM(amount) AS STATE_TTL FROM payments GROUP BY account_id;
-- A STATE_TTL hint in the statement's tree does.
INSERT INTO totals
SELECT /*+ STATE_TTL('payments' = '1h') */ account_id, SUM(amount) FROM payments GROUP BY account_id;
-- A plan Flink cannot build is refused with the planner's reason, never admitted unchecked.
INSERT INTO windowed_totals
SELECT account_id, CAST(NULL AS TIMESTAMP(3)), SUM(amount) FROM payments GROUP BY account_id;
-- The same with a state TTL is fine.
SET 'table.exec.state.ttl' = '1 h';
INSERT INTO totals
SELECT account_id, SUM(amount)
FROM payments
GROUP BY account_id;
-- Legacy group window: a warning with the rewrite.
SELECT account_id, SUM(amount) FROM payments GROUP BY account_id, TUMBLE(paid_at, INTERVAL '1' MINUTE);
