-- Every transaction with its fraud score and the reasons for it.
INSERT INTO scored_transactions
SELECT account_id, merchant, amount, country, event_time, score, reasons
FROM scored;
