package dev.sluice.runtime;

import static java.util.Objects.requireNonNull;

import dev.sluice.server.DataDirectory;
import dev.sluice.server.ExternalKafka;
import dev.sluice.server.GatewayCluster;
import dev.sluice.server.GatewayOptions;
import dev.sluice.server.PersistentCatalog;
import dev.sluice.server.SluiceGateway;
import dev.sluice.server.Started;
import dev.sluice.server.StartupException;
import dev.sluice.server.deploy.Deployer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.gateway.api.SqlGatewayService;

/**
 * Everything {@code sluice up} runs in one JVM: a Kafka broker (or an external Kafka), a Flink
 * MiniCluster and the SQL gateway. Starts all or nothing; closes in reverse order.
 */
public final class SluiceStack implements AutoCloseable {

    private final StackOptions options;
    private final Deque<AutoCloseable> started;
    private final DataDirectory dataDir;
    private final Optional<EmbeddedKafka> kafka;
    private final PersistentCatalog catalog;
    private final String kafkaBootstrap;
    private final EmbeddedFlink flink;
    private final SluiceGateway gateway;

    private SluiceStack(Builder builder) {
        this.options = builder.options;
        this.started = builder.started;
        this.dataDir = builder.dataDir;
        this.kafka = Optional.ofNullable(builder.kafka);
        this.catalog = builder.catalog;
        this.kafkaBootstrap = builder.kafkaBootstrap;
        this.flink = builder.flink;
        this.gateway = builder.gateway;
    }

    public static SluiceStack start(StackOptions options) {
        requireNonNull(options, "options is null");
        Builder builder = new Builder(options);
        try {
            builder.start();
        } catch (RuntimeException e) {
            builder.closeStarted(e);
            throw e;
        }
        return new SluiceStack(builder);
    }

    public String jdbcUrl() {
        return "jdbc:flink://%s:%d".formatted(gateway.host(), gateway.port());
    }

    public String gatewayHost() {
        return gateway.host();
    }

    public int gatewayPort() {
        return gateway.port();
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** Where the catalog database is, for people. */
    public String catalogDescription() {
        return catalog.description();
    }

    public boolean kafkaEmbedded() {
        return kafka.isPresent();
    }

    public URI flinkWebUi() {
        return flink.webUi();
    }

    public Path dataDir() {
        return dataDir.path();
    }

    public StackOptions options() {
        return options;
    }

    public EmbeddedFlink flink() {
        return flink;
    }

    public SqlGatewayService gatewayService() {
        return gateway.service();
    }

    /** What {@code sluice deploy} talks to, in this process. */
    public Deployer deployer() {
        return gateway.deployer()
                .orElseThrow(() -> new IllegalStateException("the stack keeps no registry"));
    }

    @Override
    public void close() {
        RuntimeException failure = new IllegalStateException("Sluice did not stop cleanly");
        Started.closeAll(started, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    /** Starts the pieces one by one, remembering what to close if a later one fails. */
    private static final class Builder {
        private final StackOptions options;
        private final Deque<AutoCloseable> started = new ArrayDeque<>();
        private DataDirectory dataDir;
        private PersistentCatalog catalog;
        private EmbeddedKafka kafka;
        private String kafkaBootstrap;
        private EmbeddedFlink flink;
        private SluiceGateway gateway;

        Builder(StackOptions options) {
            this.options = options;
        }

        void start() {
            dataDir = DataDirectory.open(options.dataDir());
            started.push(dataDir);
            checkPortsFree();
            catalog = PersistentCatalog.open(options.catalog(), dataDir.path());
            started.push(catalog);
            if (options.externalKafka().isPresent()) {
                kafkaBootstrap = options.externalKafka().get();
                ExternalKafka.checkReachable(kafkaBootstrap);
            } else {
                kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), options.kafkaPort());
                started.push(kafka);
                kafkaBootstrap = kafka.bootstrapServers();
            }
            flink = EmbeddedFlink.start(options.slots(), dataDir.resolve("flink"));
            started.push(flink);
            gateway =
                    SluiceGateway.start(
                            options.gateway(),
                            new GatewayCluster(
                                    flink.restHost(),
                                    flink.restPort(),
                                    kafkaBootstrap,
                                    dataDir.resolve("flink").toUri(),
                                    options.parallelism(),
                                    options.checkpointInterval(),
                                    options.atLeastOnceSinks(),
                                    Map.of(),
                                    options.topicPartitions()),
                            catalog,
                            options.guard());
            started.push(gateway);
        }

        private void checkPortsFree() {
            GatewayOptions gw = options.gateway();
            if (gw.port() != 0 && !FreePorts.isFree(gw.host(), gw.port())) {
                throw new StartupException(
                        "port %d on %s is already in use (pass --gateway-port with a free port)"
                                .formatted(gw.port(), gw.host()));
            }
            if (options.externalKafka().isEmpty()
                    && options.kafkaPort() != 0
                    && !FreePorts.isFree("127.0.0.1", options.kafkaPort())) {
                throw new StartupException(
                        "port %d is already in use (pass --kafka-port with a free port, or"
                                        .formatted(options.kafkaPort())
                                + " --kafka-bootstrap to use a running Kafka)");
            }
        }

        void closeStarted(RuntimeException failure) {
            Started.closeAll(started, failure);
        }
    }
}
