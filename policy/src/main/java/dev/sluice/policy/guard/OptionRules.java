package dev.sluice.policy.guard;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.Failures;
import dev.sluice.policy.eo.KafkaOptions;
import dev.sluice.policy.eo.SluiceOptions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Table, hint and catalog options a statement may set. Kafka's {@code properties.*} pass straight
 * into Kafka clients running in the cluster, so anything that loads classes, resolves config
 * providers, reaches URLs or reads local files is refused.
 */
final class OptionRules {

    /** Kafka client settings whose value is a class (or a list of them) to instantiate. */
    private static final Set<String> CLASS_PROPERTIES =
            Set.of(
                    "properties.metric.reporters",
                    "properties.key.serializer",
                    "properties.value.serializer",
                    "properties.key.deserializer",
                    "properties.value.deserializer",
                    "properties.security.providers");

    /** A value that reads as a fully qualified Java class name. */
    private static final Pattern CLASS_NAME =
            Pattern.compile(
                    "([a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(\\s*,\\s*([a-z_$][\\w$]*\\.)+[A-Z][\\w$]*)*");

    private static final Set<String> PARALLELISM_OPTIONS =
            Set.of("sink.parallelism", "scan.parallelism");

    private final GuardPolicy policy;
    private final Optional<Set<String>> kafkaServers;

    /**
     * @param kafkaBootstrap this gateway's Kafka: the only servers statements may name; any when
     *     empty (offline validation, which reaches nothing)
     */
    OptionRules(GuardPolicy policy, Optional<String> kafkaBootstrap) {
        this.policy = requireNonNull(policy, "policy is null");
        this.kafkaServers = kafkaBootstrap.map(OptionRules::servers);
    }

    private static Set<String> servers(String bootstrap) {
        return Set.copyOf(
                java.util.Arrays.stream(bootstrap.split(","))
                        .map(s -> s.strip().toLowerCase(Locale.ROOT))
                        .filter(s -> !s.isEmpty())
                        .toList());
    }

    /**
     * An option a statement writes (in DDL or an OPTIONS hint): the rules of {@link #check}, and
     * none of the options Sluice gives a table itself when it is read (its dead-letter connector
     * and that connector's own options), which would bypass the checks of {@code sluice.*}.
     */
    Optional<Finding> checkWritten(String key, String value, int line, int column) {
        String lowerKey = key.toLowerCase(Locale.ROOT);
        if (lowerKey.startsWith("dead-letter.") || lowerKey.startsWith("fixture.")) {
            return Optional.of(
                    Finding.error(
                            Rule.SLUICE_OPTION,
                            line,
                            column,
                            "'%s' is set by Sluice itself when it reads a Kafka table"
                                    .formatted(key),
                            "use 'sluice.on-error' and 'sluice.dead-letter.topic'"));
        }
        if (lowerKey.equals("connector")
                && value.strip().toLowerCase(Locale.ROOT).startsWith("sluice-")) {
            return Optional.of(
                    Finding.error(
                            Rule.SLUICE_OPTION,
                            line,
                            column,
                            "connector '%s' is Sluice's own: it gives Kafka tables that connector when it reads them"
                                    .formatted(value),
                            "write 'connector' = '%s'".formatted(KafkaOptions.canonical(value))));
        }
        return check(key, value, line, column);
    }

    Optional<Finding> check(String key, String value, int line, int column) {
        String lowerKey = key.toLowerCase(Locale.ROOT);
        if (lowerKey.equals("connector")) {
            return connector(value, line, column);
        }
        if (lowerKey.equals("path")
                || lowerKey.endsWith(".location")
                || lowerKey.endsWith(".file")) {
            return path(key, value, line, column);
        }
        if (lowerKey.startsWith("properties.")) {
            return kafkaProperty(key, value, line, column);
        }
        if (SluiceOptions.isSluiceOption(lowerKey)) {
            return SluiceOptions.problem(key, value)
                    .map(
                            problem ->
                                    Finding.error(
                                            Rule.SLUICE_OPTION,
                                            line,
                                            column,
                                            problem.get(0),
                                            problem.get(1)));
        }
        if (PARALLELISM_OPTIONS.contains(lowerKey)) {
            return ConfigRules.parallelism(policy, key, value, false, line, column);
        }
        return Optional.empty();
    }

    private Optional<Finding> connector(String value, int line, int column) {
        if (policy.connectors().contains(KafkaOptions.canonical(value))) {
            return Optional.empty();
        }
        return Optional.of(
                Finding.error(
                        Rule.SECURITY_CONNECTOR,
                        line,
                        column,
                        "connector '%s' is not allowed on this gateway".formatted(value),
                        "use one of %s, or ask the operator to allow it"
                                .formatted(policy.connectors().stream().sorted().toList())));
    }

    private Optional<Finding> path(String key, String value, int line, int column) {
        if (policy.allowsPath(value)) {
            return Optional.empty();
        }
        return Optional.of(
                Finding.error(
                        Rule.SECURITY_FILES,
                        line,
                        column,
                        "'%s' names a local file or directory; statements may not read or write files outside the directories the operator allowed"
                                .formatted(key),
                        "remove '%s'; %s".formatted(key, policy.describeRoots())));
    }

    private Optional<Finding> kafkaProperty(String key, String value, int line, int column) {
        String lowerKey = key.toLowerCase(Locale.ROOT);
        String lowerValue = value.toLowerCase(Locale.ROOT);
        if (lowerKey.equals("properties.isolation.level")
                && !value.strip().equalsIgnoreCase("read_committed")) {
            return Optional.of(
                    Finding.error(
                            Rule.EXACTLY_ONCE,
                            line,
                            column,
                            "'%s' = '%s' would read records of transactions that may still abort, so a pipeline over another pipeline's output would not be exactly-once"
                                    .formatted(key, value),
                            "remove it: Sluice reads Kafka 'read_committed'"));
        }
        if (lowerKey.equals("properties.bootstrap.servers")
                && kafkaServers.isPresent()
                && !kafkaServers.get().containsAll(servers(value))) {
            return Optional.of(
                    Finding.error(
                            Rule.SECURITY_PROPERTIES,
                            line,
                            column,
                            "option '%s' names Kafka servers other than this gateway's; statements may not reach other hosts (nor send a table's credentials there)"
                                    .formatted(key),
                            "remove '%s': Sluice fills in this gateway's Kafka (%s)"
                                    .formatted(key, String.join(",", kafkaServers.get()))));
        }
        if (value.contains("${")) {
            return refuse(
                    key,
                    "refers to a config provider ('${...}'), which reads files, environment variables or URLs",
                    line,
                    column);
        }
        if (lowerKey.startsWith("properties.config.providers")) {
            return refuse(
                    key,
                    "configures a config provider, which reads files, environment variables or URLs",
                    line,
                    column);
        }
        if (lowerKey.equals("properties.sasl.jaas.config")
                && (lowerValue.contains("jndiloginmodule")
                        || lowerValue.contains("ldaploginmodule"))) {
            return refuse(
                    key, "uses a JNDI/LDAP login module, which can load remote code", line, column);
        }
        if (lowerKey.equals("properties.sasl.jaas.config")) {
            return loginModules(key, value, line, column);
        }
        if (lowerKey.startsWith("properties.sasl.kerberos.")) {
            return refuse(
                    key,
                    "configures Kerberos, which runs a kinit command and reads keytab files",
                    line,
                    column);
        }
        if (CLASS_PROPERTIES.contains(lowerKey) || CLASS_NAME.matcher(value.strip()).matches()) {
            return refuse(
                    key,
                    "makes the Kafka client load a class of the statement's choosing",
                    line,
                    column);
        }
        if (lowerKey.endsWith(".class") || lowerKey.endsWith(".classes")) {
            return refuse(
                    key,
                    "makes the Kafka client load a class of the statement's choosing",
                    line,
                    column);
        }
        if (lowerKey.contains("oauthbearer") && lowerKey.contains("url")) {
            return refuse(
                    key,
                    "makes the Kafka client fetch a URL of the statement's choosing",
                    line,
                    column);
        }
        return Optional.empty();
    }

    /** Every entry of a JAAS configuration must name a login module the operator allows. */
    private Optional<Finding> loginModules(String key, String value, int line, int column) {
        for (String entry : value.split(";")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String module = trimmed.split("\\s+", 2)[0];
            if (!policy.loginModules().contains(module)) {
                return Optional.of(
                        Finding.error(
                                Rule.SECURITY_PROPERTIES,
                                line,
                                column,
                                "option '%s' names the login module '%s', which this gateway does not allow"
                                        .formatted(key, Failures.printable(module)),
                                "use one of %s"
                                        .formatted(
                                                policy.loginModules().stream().sorted().toList())));
            }
        }
        return Optional.empty();
    }

    private static Optional<Finding> refuse(String key, String why, int line, int column) {
        return Optional.of(
                Finding.error(
                        Rule.SECURITY_PROPERTIES,
                        line,
                        column,
                        "option '%s' %s".formatted(key, why),
                        "remove '%s'; Kafka security settings belong to the operator's configuration"
                                .formatted(key)));
    }
}
