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
