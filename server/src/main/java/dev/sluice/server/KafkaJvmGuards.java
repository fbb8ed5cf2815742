package dev.sluice.server;

/**
 * Kafka's own JVM-wide defences against options smuggled in through table options: no JNDI or LDAP
 * login modules, no config providers that read files, environment variables or URLs. The gateway
 * installs them itself when it starts, however it was started.
 */
public final class KafkaJvmGuards {

    static final String DISALLOWED_LOGIN_MODULES = "org.apache.kafka.disallowed.login.modules";
    static final String AUTOMATIC_CONFIG_PROVIDERS = "org.apache.kafka.automatic.config.providers";

    private KafkaJvmGuards() {}

    public static void install() {
        System.setProperty(
                DISALLOWED_LOGIN_MODULES,
                "com.sun.security.auth.module.JndiLoginModule,"
                        + "com.sun.security.auth.module.LdapLoginModule");
        System.setProperty(AUTOMATIC_CONFIG_PROVIDERS, "none");
    }
}
