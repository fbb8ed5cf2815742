INSERT INTO bench_scored
SELECT account_id, amount,
    bench_score(CAST(amount AS DOUBLE), mean_amount, stddev_amount, recent_count, recent_count,
                merchant, country, CAST(HOUR(event_time) AS INT)),
    bench_reasons(CAST(amount AS DOUBLE), mean_amount, stddev_amount, recent_count, recent_count,
                  merchant, country, CAST(HOUR(event_time) AS INT))
FROM bench_features;
