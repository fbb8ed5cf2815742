CREATE TEMPORARY TABLE hopping_alerts (
    account_id   STRING,
    countries    INT,
    country_list STRING,
    seen_at      TIMESTAMP(3)
) WITH (
    'connector' = 'kafka',
    'topic' = '${sink_topic}',
    'format' = 'json'
);
INSERT INTO hopping_alerts
SELECT account_id, countries, country_list, seen_at
FROM country_hopping(TABLE tx PARTITION BY account_id, 3, INTERVAL '30' MINUTE, DESCRIPTOR(event_time));
