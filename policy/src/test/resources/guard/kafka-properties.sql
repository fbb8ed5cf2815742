-- Kafka client properties that load code, read secrets or fetch URLs.
CREATE TABLE jndi (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 't',
    'format' = 'json',
    'properties.sasl.jaas.config' = 'com.sun.security.auth.module.JndiLoginModule required user.provider.url="ldap://127.0.0.1:1/x";'
);
CREATE TABLE ldap (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 't',
    'format' = 'json',
    'properties.sasl.jaas.config' = 'com.sun.security.auth.module.LdapLoginModule required userProvider="ldap://127.0.0.1:1";'
);
CREATE TABLE providers (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 't',
    'format' = 'json',
    'properties.sasl.jaas.config' = '${file:/etc/kafka/secrets.properties:jaas}',
    'properties.config.providers' = 'file'
);
CREATE TABLE callbacks (id INT) WITH (
    'connector' = 'kafka',
    'topic' = 't',
    'format' = 'json',
    'properties.sasl.login.callback.handler.class' = 'org.example.Evil',
    'properties.interceptor.classes' = 'org.example.Spy',
    'properties.sasl.oauthbearer.token.endpoint.url' = 'http://127.0.0.1:1/token'
);
