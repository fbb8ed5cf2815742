-- Runs as the SQL client's -i init script: the gateway's configureSession path.
-- No bootstrap servers and no delivery options: Sluice fills them in.
CREATE TABLE greetings (id INT, greeting STRING) WITH (
    'connector' = 'kafka',
    'topic' = '${topic}',
    'format' = 'json'
);
