-- A filesystem table over /etc/passwd: the connector and the path are both refused.
CREATE TABLE passwd (
    line STRING
) WITH (
    'connector' = 'filesystem',
    'path' = 'file:///etc/passwd',
    'format' = 'raw'
);
SELECT * FROM clicks /*+ OPTIONS('path' = '/etc/shadow') */;
