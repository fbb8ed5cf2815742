package dev.sluice.cli;

import dev.sluice.server.ServerOptions;
import dev.sluice.server.SluiceServer;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
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

    @Mixin ServerMixin server;

    @Override
    public Integer call() {
        ServerOptions options = options();
        Path logFile = StackRunner.configureLogging(server.dataDir());
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
                "  Sluice JDBC       "
                        + server.jdbcUrl().replace("jdbc:flink://", "jdbc:sluice://"));
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
        server.checkPort("--flink-rest", Integer.parseInt(flink[1]));
        server.checkBootstrap("--kafka-bootstrap", kafkaBootstrap);
        if (checkpointDir.getScheme() == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--checkpoint-dir must be a URI such as file:///shared/sluice or s3://bucket/sluice, got '"
                            + checkpointDir
                            + "'");
        }
        return new ServerOptions(
                server.gateway(),
                flink[0],
                Integer.parseInt(flink[1]),
                kafkaBootstrap,
                checkpointDir,
                server.dataDir(),
                server.parallelism(),
                server.checkpointInterval(),
                server.catalog(),
                server.guardPolicy(),
                server.atLeastOnceSinks(),
                server.topicPartitions());
    }
}
