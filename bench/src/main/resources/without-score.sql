INSERT INTO bench_plain
SELECT account_id, amount, mean_amount, stddev_amount, recent_count FROM bench_features;
