package dev.sluice.gateway.cli;

import dev.sluice.catalog.store.StoreSettings;
import dev.sluice.gateway.eo.ExactlyOnceSettings;
import dev.sluice.gateway.stack.GatewayOptions;
import dev.sluice.gateway.stack.ServerOptions;
import dev.sluice.gateway.stack.SluiceServer;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice serve}: the gateway alone, against a Flink session cluster and Kafka. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the SQL gateway alone, against an existing Flink session cluster and Kafka.",
            "",
            "Nothing is embedded: jobs go to the cluster's JobManager, with the Kafka connector and",
            "the fraud functions shipped inside each job (pipeline.jars). Checkpoints and savepoints",
            "go under --checkpoint-dir, which every JobManager and TaskManager must reach.",
            "Off loopback (--gateway-host) every request needs the token in SLUICE_GATEWAY_TOKEN."
        })
final class ServeCommand implements Callable<Integer> {

    static final String TOKEN_ENV = GatewayBinding.TOKEN_ENV;

    @Spec CommandSpec spec;

    @Option(
            names = "--flink-rest",
            required = true,
            paramLabel = "HOST:PORT",
            description = "REST address of the cluster's JobManager (Flink's rest.port, 8081).")
    String flinkRest;

    @Option(
            names = "--kafka-bootstrap",
            required = true,
            paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Bootstrap servers of the Kafka cluster.")
    String kafkaBootstrap;

    @Option(
            names = "--checkpoint-dir",
            required = true,
            paramLabel = "URI",
            description =
                    "Shared directory for checkpoints and savepoints, as the cluster sees it: file:///shared/sluice, s3://bucket/sluice.")
    URI checkpointDir;

    @Option(
            names = "--gateway-host",
            defaultValue = GatewayOptions.LOOPBACK,
            paramLabel = "ADDRESS",
            description = "Address to bind the gateway to. Default: ${DEFAULT-VALUE}.")
    String gatewayHost;

    @Option(
            names = "--gateway-port",
            defaultValue = "" + GatewayOptions.DEFAULT_PORT,
            paramLabel = "PORT",
            description = "Port of the gateway (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int gatewayPort;

    @Option(
            names = "--data-dir",
            defaultValue = ".sluice",
            paramLabel = "DIR",
            description =
                    "The gateway's lock, logs and (without --catalog-url) its H2 catalog. Default: ${DEFAULT-VALUE}.")
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
                    "How often pipelines checkpoint and commit their Kafka output. Default: ${DEFAULT-VALUE}.")
    Duration checkpointInterval;

    @Option(
            names = "--catalog-url",
            paramLabel = "JDBC-URL",
            description =
                    "Catalog database, e.g. jdbc:postgresql://HOST:PORT/DB (password from SLUICE_CATALOG_PASSWORD). Default: an H2 file under the data dir.")
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
            description = "Let this sink table stay at-least-once. Repeatable.")
    List<String> atLeastOnceSinks = new ArrayList<>();

    @Override
    public Integer call() {
        ServerOptions options = options();
        Path logFile = StackRunner.configureLogging(dataDir);
        SluiceServer server = SluiceServer.start(options);
        PrintWriter out = spec.commandLine().getOut();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    out.println("Stopping Sluice ...");
                                    out.flush();
                                    server.close();
                                    out.println("Sluice stopped.");
                                    out.flush();
                                },
                                "sluice-shutdown"));
        out.println("Sluice is serving.");
        out.println("  JDBC URL          " + server.jdbcUrl());
        out.println(
                "  SQL client        sql-client.sh gateway --endpoint "
                        + server.gatewayHost()
                        + ":"
                        + server.gatewayPort());
        out.println("  Flink cluster     http://" + flinkRest);
        out.println("  Kafka bootstrap   " + kafkaBootstrap + "  (external)");
        out.println("  Checkpoints       " + checkpointDir);
        out.println("  Catalog           " + server.catalogDescription());
        out.println(
                "  Authentication    "
                        + (options.gateway().token().isPresent()
                                ? "bearer token from " + TOKEN_ENV
                                : "none (loopback only)"));
        out.println("  Log file          " + logFile);
        out.println("Stop with Ctrl-C (or SIGTERM); jobs keep running on the cluster.");
        out.flush();
        StackRunner.awaitShutdown();
        return 0;
    }

    private ServerOptions options() {
        String[] flink = flinkRest.split(":");
        if (flink.length != 2 || !flink[1].matches("\\d{1,5}")) {
            throw new ParameterException(
                    spec.commandLine(), "--flink-rest must be HOST:PORT, got '" + flinkRest + "'");
        }
        if (!kafkaBootstrap.matches("[^\\s,:]+:\\d+(,[^\\s,:]+:\\d+)*")) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--kafka-bootstrap must be HOST:PORT[,HOST:PORT...], got '"
                            + kafkaBootstrap
                            + "'");
        }
        if (checkpointDir.getScheme() == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--checkpoint-dir must be a URI such as file:///shared/sluice or s3://bucket/sluice, got '"
                            + checkpointDir
                            + "'");
        }
        if (gatewayPort < 0 || gatewayPort > 65535) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--gateway-port must be between 0 and 65535, got " + gatewayPort);
        }
        if (parallelism < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--parallelism must be at least 1, got " + parallelism);
        }
        if (checkpointInterval.isZero()
                || checkpointInterval.compareTo(ExactlyOnceSettings.DEFAULT_TRANSACTION_TIMEOUT)
                        >= 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--checkpoint-interval must be above 0 and below %d minutes, got %s"
                            .formatted(
                                    ExactlyOnceSettings.DEFAULT_TRANSACTION_TIMEOUT.toMinutes(),
                                    checkpointInterval));
        }
        GatewayOptions gateway = GatewayBinding.of(spec, gatewayHost, gatewayPort);
        Optional<StoreSettings> catalog = CatalogLocation.of(spec, catalogUrl, catalogUser);
        return new ServerOptions(
                gateway,
                flink[0],
                Integer.parseInt(flink[1]),
                kafkaBootstrap,
                checkpointDir,
                dataDir,
                parallelism,
                checkpointInterval,
                catalog,
                guard.policy(),
                Set.copyOf(atLeastOnceSinks));
    }
}
