package dev.sluice.gateway.cli;

import dev.sluice.catalog.store.StoreSettings;
import dev.sluice.gateway.eo.ExactlyOnceSettings;
import dev.sluice.gateway.stack.GatewayOptions;
import dev.sluice.gateway.stack.StackOptions;
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

/** The options of every command that starts the stack. */
final class StackMixin {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--gateway-host",
            defaultValue = GatewayOptions.LOOPBACK,
            paramLabel = "ADDRESS",
            description =
                    "Address to bind the gateway to; off loopback every request needs the token in SLUICE_GATEWAY_TOKEN. Kafka and Flink stay on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    String gatewayHost;

    @Option(
            names = "--gateway-port",
            defaultValue = "" + GatewayOptions.DEFAULT_PORT,
            paramLabel = "PORT",
            description =
                    "Port of the SQL gateway (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int gatewayPort;

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            paramLabel = "PORT",
            description =
                    "Port of the embedded Kafka broker on 127.0.0.1 (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(
            names = "--kafka-bootstrap",
            paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of starting the embedded broker.")
    String kafkaBootstrap;

    @Option(
            names = "--data-dir",
            defaultValue = ".sluice",
            paramLabel = "DIR",
            description =
                    "Kafka logs, checkpoints, savepoints and logs; kept across restarts. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            paramLabel = "N",
            description = "Default parallelism of every pipeline. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "1s",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How often pipelines checkpoint and commit their Kafka output (e.g. 500ms, 1s, 5s). Default: ${DEFAULT-VALUE}.")
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

    StackOptions toStackOptions() {
        checkPort("--gateway-port", gatewayPort);
        checkPort("--kafka-port", kafkaPort);
        if (parallelism < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--parallelism must be at least 1, got " + parallelism);
        }
        if (checkpointInterval.isZero()
                || checkpointInterval.compareTo(ExactlyOnceSettings.DEFAULT_TRANSACTION_TIMEOUT)
                        >= 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--checkpoint-interval must be above 0 and below %d minutes (the Kafka transaction timeout), got %s"
                            .formatted(
                                    ExactlyOnceSettings.DEFAULT_TRANSACTION_TIMEOUT.toMinutes(),
                                    checkpointInterval));
        }
        if (kafkaBootstrap != null && !kafkaBootstrap.matches("[^\\s,:]+:\\d+(,[^\\s,:]+:\\d+)*")) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--kafka-bootstrap must be HOST:PORT[,HOST:PORT...], got '"
                            + kafkaBootstrap
                            + "'");
        }
        Optional<StoreSettings> catalog = CatalogLocation.of(spec, catalogUrl, catalogUser);
        return new StackOptions(
                GatewayBinding.of(spec, gatewayHost, gatewayPort),
                kafkaPort,
                dataDir,
                parallelism,
                Optional.ofNullable(kafkaBootstrap),
                checkpointInterval,
                catalog,
                guard.policy(),
                Set.copyOf(atLeastOnceSinks));
    }

    private void checkPort(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new ParameterException(
                    spec.commandLine(), option + " must be between 0 and 65535, got " + port);
        }
    }
}
