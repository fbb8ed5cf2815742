package dev.sluice.cli;

import dev.sluice.catalog.store.StoreSettings;
import dev.sluice.policy.eo.ExactlyOnceSettings;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.server.GatewayOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of every command that runs a gateway ({@code up}, {@code demo}, {@code serve}), with
 * their checks: declared once, so the commands cannot drift apart.
 */
final class ServerMixin {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--gateway-host",
            defaultValue = GatewayOptions.LOOPBACK,
            paramLabel = "ADDRESS",
            description =
                    "Address to bind the gateway to; off loopback every request needs the token in SLUICE_GATEWAY_TOKEN. An embedded Kafka and Flink stay on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    String gatewayHost;

    @Option(
            names = "--gateway-port",
            defaultValue = "" + GatewayOptions.DEFAULT_PORT,
            paramLabel = "PORT",
            description =
                    "Port of the SQL gateway (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int gatewayPort;

    @Option(
            names = "--data-dir",
            defaultValue = ".sluice",
            paramLabel = "DIR",
            description =
                    "Sluice's own files, kept across restarts: its lock and logs, the H2 catalog (without --catalog-url) and, for up and demo, Kafka's logs, checkpoints and savepoints. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            paramLabel = "N",
            description = "Default parallelism of every pipeline. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "250ms",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How often pipelines checkpoint and commit their Kafka output (e.g. 250ms, 1s, 5s): exactly-once output becomes visible within about this long. Raise it for pipelines with large state. Default: ${DEFAULT-VALUE}.")
    Duration checkpointInterval;

    @Option(
            names = "--catalog-url",
            paramLabel = "JDBC-URL",
            description =
                    "Catalog database: jdbc:postgresql://HOST:PORT/DB to share tables between gateways. "
                            + "Default: an H2 file under the data dir. The password comes from the "
                            + "SLUICE_CATALOG_PASSWORD environment variable.")
    String catalogUrl;

    @Option(
            names = "--catalog-user",
            paramLabel = "USER",
            description = "User of the catalog database.")
    String catalogUser;

    @Mixin GuardMixin guard;

    @Option(
            names = "--allow-at-least-once",
            paramLabel = "TABLE",
            description =
                    "Let this sink table keep a declared 'sink.delivery-guarantee' of 'at-least-once' or 'none' instead of being refused. Repeatable.")
    List<String> atLeastOnceSinks = new ArrayList<>();

    @Option(
            names = "--topic-partitions",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Partitions of the topics that tables create when they do not say ('sluice.topic.partitions'). Default: the --parallelism, so every source task has a partition to read.")
    int topicPartitions;

    /** Where the gateway listens, with its token when off loopback; checks the port. */
    GatewayOptions gateway() {
        checkPort("--gateway-port", gatewayPort);
        return GatewayBinding.of(spec, gatewayHost, gatewayPort);
    }

    Path dataDir() {
        return dataDir;
    }

    int parallelism() {
        if (parallelism < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--parallelism must be at least 1, got " + parallelism);
        }
        return parallelism;
    }

    /** Below the Kafka transaction timeout, so that every checkpoint can commit. */
    Duration checkpointInterval() {
        if (checkpointInterval.isZero()
                || checkpointInterval.isNegative()
                || checkpointInterval.compareTo(ExactlyOnceSettings.DEFAULT_TRANSACTION_TIMEOUT)
                        >= 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--checkpoint-interval must be above 0 and below %d minutes (the Kafka transaction timeout), got %s"
                            .formatted(
                                    ExactlyOnceSettings.DEFAULT_TRANSACTION_TIMEOUT.toMinutes(),
                                    checkpointInterval));
        }
        return checkpointInterval;
    }

    /** 0 stands for the default parallelism. */
    int topicPartitions() {
        if (topicPartitions < 0 || topicPartitions > 10_000) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--topic-partitions must be from 1 to 10000 (or 0 for the --parallelism), got "
                            + topicPartitions);
        }
        return topicPartitions;
    }

    Optional<StoreSettings> catalog() {
        return CatalogLocation.of(spec, catalogUrl, catalogUser);
    }

    GuardPolicy guardPolicy() {
        return guard.policy();
    }

    Set<String> atLeastOnceSinks() {
        return Set.copyOf(atLeastOnceSinks);
    }

    void checkPort(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new ParameterException(
                    spec.commandLine(), option + " must be between 0 and 65535, got " + port);
        }
    }

    /** {@code HOST:PORT[,HOST:PORT...]}, as Kafka's clients take it. */
    void checkBootstrap(String option, String bootstrap) {
        if (!bootstrap.matches("[^\\s,:]+:\\d+(,[^\\s,:]+:\\d+)*")) {
            throw new ParameterException(
                    spec.commandLine(),
                    option + " must be HOST:PORT[,HOST:PORT...], got '" + bootstrap + "'");
        }
    }
}
