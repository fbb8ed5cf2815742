package dev.sluice.runtime;

import static java.util.Objects.requireNonNull;

import dev.sluice.server.StartupException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one), inside this JVM,
 * listening on loopback only. Its log directory survives restarts.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code logDir} on first use and starts the broker.
     *
     * @param port the client port; 0 picks a free one
     */
    public static EmbeddedKafka start(Path logDir, int port) {
        requireNonNull(logDir, "logDir is null");
        int brokerPort = FreePorts.resolve(HOST, port);
        int controllerPort = FreePorts.resolve(HOST, 0);
        Properties props = brokerProperties(logDir, brokerPort, controllerPort);
        format(logDir, props);
        KafkaRaftServer server =
                new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        return new EmbeddedKafka(server, HOST + ":" + brokerPort);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties brokerProperties(Path logDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        props.setProperty(
                "listeners",
                "PLAINTEXT://"
                        + HOST
                        + ":"
                        + port
                        + ",CONTROLLER://"
                        + HOST
                        + ":"
                        + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        props.setProperty(
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        props.setProperty("num.partitions", "1");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "4");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "4");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("auto.create.topics.enable", "true");
        return props;
    }

    /**
     * Formats the log directory unless it already is (a second format would need the first cluster
     * id). Transaction protocol v1: with v2, Flink's Kafka sink logged fencing errors while
     * recovering from a TaskManager loss.
     */
    private static void format(Path logDir, Properties props) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            Path config = logDir.resolveSibling(logDir.getFileName() + ".properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "written by Sluice before each start; not read back");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int rc;
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                rc =
                        StorageTool.execute(
                                new String[] {
                                    "format",
                                    "-t",
                                    Uuid.randomUuid().toString(),
                                    "-c",
                                    config.toString(),
                                    "--feature",
                                    "transaction.version=1"
                                },
                                print);
            }
            if (rc != 0) {
                throw new StartupException(
                        "cannot format the Kafka log directory "
                                + logDir
                                + ": "
                                + output.toString(StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka log directory " + logDir, e);
        }
    }
}
