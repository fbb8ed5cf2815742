-- Accepted before the red-team pass of issue 11; each is refused now.
SET 'rest.port' = '1';
SET 'restart-strategy.type' = 'fixed-delay';
SET 'parallelism.default' = '1000';
SET '$internal.pipeline.job-id' = '00000000000000000000000000000000';
SET 'table.catalog-store.kind' = 'file';
SET 'table.sql-dialect' = 'hive';
SET 'state.backend.type' = 'org.example.EvilStateBackendFactory';
CREATE TABLE kerberos (id INT) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json',
    'properties.sasl.jaas.config' = 'com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab="/etc/krb5.keytab";',
    'properties.sasl.kerberos.kinit.cmd' = '/bin/sh -c id');
CREATE TABLE timer (id INT) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json',
    'properties.security.protocol' = 'SASL_PLAINTEXT',
    'properties.sasl.jaas.config' = 'java.util.Timer required;');
CREATE TABLE reporters (id INT) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json',
    'properties.metric.reporters' = 'org.example.Reporter', 'sink.parallelism' = '1000');
CREATE TABLE truststore (id INT) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json',
    'properties.ssl.truststore.location' = '/etc/shadow');
CREATE CATALOG `../escape` WITH ('type' = 'generic_in_memory');
ALTER CATALOG c SET ('type' = 'jdbc');
CREATE MODEL m INPUT (a STRING) OUTPUT (b STRING) WITH ('provider' = 'openai', 'endpoint' = 'http://127.0.0.1:1/v1');
CREATE TABLE printer (line STRING) WITH ('connector' = 'print');
CREATE CATALOG listener WITH ('type' = 'sluice', 'url' = 'jdbc:h2:mem:x;DATABASE_EVENT_LISTENER=''java.util.Timer''');
CREATE CATALOG anywhere WITH ('type' = 'sluice', 'url' = 'jdbc:h2:file:/tmp/anywhere/catalog');
CREATE CATALOG zipped WITH ('type' = 'sluice', 'url' = 'jdbc:h2:zip:/tmp/x.zip!/catalog');
CREATE CATALOG traced WITH ('type' = 'sluice', 'url' = 'jdbc:h2:mem:x;TRACE_LEVEL_SYSTEM_OUT=3');
CREATE CATALOG remote WITH ('type' = 'sluice', 'url' = 'jdbc:postgresql://10.0.0.1:5432/sluice');
ALTER CATALOG existing SET ('url' = 'jdbc:h2:file:/etc/cron.d/x');
CREATE TEMPORARY TABLE refresher (id INT) WITH ('connector' = 'datagen');
CREATE MATERIALIZED TABLE mt FRESHNESS = INTERVAL '1' SECOND AS SELECT * FROM refresher;
CREATE OR REPLACE TABLE replaced WITH ('connector' = 'blackhole') AS SELECT 1 AS a;
CREATE TABLE uncommitted (id INT) WITH ('connector' = 'kafka', 'topic' = 't', 'format' = 'json',
    'properties.isolation.level' = 'read_uncommitted');
SET 'execution.checkpointing.timeout' = '1 ms';
SET 'execution.checkpointing.min-pause' = '3650 d';
SET 'execution.checkpointing.storage' = 'jobmanager';
ALTER FUNCTION scored AS 'evil.run' LANGUAGE PYTHON;
CREATE CATALOG home WITH ('type' = 'sluice', 'url' = 'jdbc:h2:file:~/catalog');
COMPILE AND EXECUTE PLAN '/tmp/plan.json' FOR INSERT INTO clicks SELECT 'u', '/';
