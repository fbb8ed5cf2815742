-- Sluice's own table options: known keys with usable values only.
CREATE TABLE sized (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 'sized',
    'format' = 'json',
    'sluice.topic.partitions' = '6',
    'sluice.topic.replication-factor' = '1'
);
CREATE TABLE misspelt (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 'misspelt',
    'format' = 'json',
    'sluice.topic.partition' = '6'
);
CREATE TABLE zero_partitions (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 'zero',
    'format' = 'json',
    'sluice.topic.partitions' = '0'
);
CREATE TABLE huge_partitions (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 'huge',
    'format' = 'json',
    'sluice.topic.partitions' = '99999999999999999999'
);
CREATE TABLE words_for_partitions (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 'words',
    'format' = 'json',
    'SLUICE.Topic.Partitions' = 'six'
);
CREATE TABLE negative_replication (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 'negative',
    'format' = 'json',
    'sluice.topic.replication-factor' = '-1'
);
CREATE TABLE unknown_policy (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 'unknown-policy',
    'format' = 'json',
    'sluice.on-error' = 'ignore'
);
CREATE TABLE bad_dead_letter_topic (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 'bad-dlq',
    'format' = 'json',
    'sluice.dead-letter.topic' = '../etc/passwd'
);
CREATE TABLE kept_apart (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 'kept',
    'format' = 'json',
    'sluice.on-error' = 'dead-letter',
    'sluice.dead-letter.topic' = 'kept.bad-records'
);
-- Sluice gives Kafka tables its dead-letter connector and that connector's options when it reads
-- them; written by hand, they would skip the checks above.
CREATE TABLE own_connector (id INT) WITH (
    'connector' = 'sluice-kafka',
    'topic' = 'own',
    'format' = 'json'
);
CREATE TABLE own_options (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 'own',
    'format' = 'json',
    'dead-letter.topic' = 'elsewhere'
);
SELECT * FROM kept_apart /*+ OPTIONS('fixture.run' = 'x') */;
