package dev.sluice.server;

import static java.util.Objects.requireNonNull;

import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.engine.SluiceExecutors;
import dev.sluice.policy.Failures;
import dev.sluice.policy.eo.ExactlyOnceSettings;
import dev.sluice.policy.eo.KafkaTableDefaults;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.server.deadletters.DeadLetters;
import dev.sluice.server.deploy.Deployer;
import dev.sluice.server.deploy.FlinkJobs;
import dev.sluice.server.deploy.SluiceApi;
import dev.sluice.server.service.DefaultCatalog;
import dev.sluice.server.service.SluiceSqlGatewayService;
import dev.sluice.server.topics.KafkaTopicCatalog;
import dev.sluice.server.topics.KafkaTopics;
import dev.sluice.server.topics.TopicDiscovery;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.table.gateway.api.SqlGatewayService;
import org.apache.flink.table.gateway.rest.SqlGatewayRestEndpoint;
import org.apache.flink.table.gateway.rest.SqlGatewayRestEndpointFactory;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestOptions;
import org.apache.flink.table.gateway.service.SqlGatewayServiceImpl;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;

/**
 * Flink's SQL Gateway REST endpoint, serving {@link SluiceSqlGatewayService}, submitting jobs to a
 * Flink cluster over REST.
 */
public final class SluiceGateway implements AutoCloseable {

    private final SessionManager sessions;
    private final SqlGatewayRestEndpoint endpoint;
    private final SqlGatewayService service;
    private final Optional<Deployer> deployer;
    private final Optional<SluiceApi> api;
    private final KafkaTopics topics;

    private SluiceGateway(
            SessionManager sessions,
            SqlGatewayRestEndpoint endpoint,
            SqlGatewayService service,
            Optional<Deployer> deployer,
            Optional<SluiceApi> api,
            KafkaTopics topics) {
        this.sessions = sessions;
        this.endpoint = endpoint;
        this.service = service;
        this.deployer = deployer;
        this.api = api;
        this.topics = topics;
    }

    /** Starts the gateway on a cluster, with its catalog and deployment registry. */
    public static SluiceGateway start(
            GatewayOptions options,
            GatewayCluster cluster,
            PersistentCatalog catalog,
            GuardPolicy policy) {
        return start(
                options,
                cluster.flinkHost(),
                cluster.flinkPort(),
                cluster.exactlyOnce(),
                cluster.sessionDefaults(),
                Optional.of(catalog.defaultCatalog(Optional.of(cluster.kafkaBootstrap()))),
                policy,
                Optional.of(catalog.store()),
                cluster.defaultTopicPartitions());
    }

    /**
     * Starts the gateway.
     *
     * @param options bind address and port (0 picks a free port) of the REST endpoint
     * @param flinkHost REST address of the Flink cluster that runs the jobs
     * @param sessionDefaults Flink options every session starts with (parallelism, checkpoint
     *     storage, ...)
     * @param defaultCatalog the catalog sessions start in; Flink's in-memory one when empty
     * @param registry the catalog database that keeps what {@code sluice deploy} deployed; without
     *     it the gateway serves SQL only
     */
    private static SluiceGateway start(
            GatewayOptions options,
            String flinkHost,
            int flinkPort,
            ExactlyOnceSettings settings,
            Map<String, String> sessionDefaults,
            Optional<DefaultCatalog> defaultCatalog,
            GuardPolicy policy,
            Optional<CatalogStore> registry,
            int topicPartitions) {
        requireNonNull(options, "options is null");
        KafkaJvmGuards.install();
        Configuration defaults = Configuration.fromMap(sessionDefaults);
        // Flink's remote executor, with Sluice's job graph changes (dev.sluice.engine)
        defaults.set(DeploymentOptions.TARGET, SluiceExecutors.REMOTE);
        defaults.set(RestOptions.ADDRESS, flinkHost);
        defaults.set(RestOptions.PORT, flinkPort);
        SluiceSqlGatewayService.sessionDefaults(settings).forEach(defaults::setString);

        SessionManager sessions = SessionManager.create(new DefaultContext(defaults, List.of()));
        sessions.start();
        KafkaTopics topics = new KafkaTopics(topicPartitions);
        SluiceSqlGatewayService service =
                new SluiceSqlGatewayService(
                        new SqlGatewayServiceImpl(sessions),
                        sessions,
                        settings,
                        defaultCatalog,
                        settings
                                .kafkaBootstrap()
                                .map(bootstrap -> topicCatalog(topics.discovery(bootstrap)))
                                .stream()
                                .toList(),
                        policy,
                        Optional.of(topics),
                        job ->
                                registry.flatMap(
                                        store ->
                                                store.deployments().pipelines().stream()
                                                        .filter(
                                                                p ->
                                                                        p.jobId()
                                                                                .equals(
                                                                                        Optional.of(
                                                                                                job)))
                                                        .map(p -> p.name())
                                                        .findFirst()));
        FlinkJobs jobs =
                new FlinkJobs(
                        URI.create("http://%s:%d".formatted(flinkHost, flinkPort)),
                        FlinkRestCredentials.tokenFor(flinkHost, flinkPort));
        Optional<Deployer> deployer =
                registry.map(
                        store ->
                                new Deployer(
                                        service,
                                        store,
                                        policy,
                                        jobs,
                                        Optional.ofNullable(
                                                        sessionDefaults.get(
                                                                CheckpointingOptions
                                                                        .CHECKPOINTS_DIRECTORY
                                                                        .key()))
                                                .map(URI::create)));
        Optional<DeadLetters> deadLetters =
                registry.flatMap(
                        store ->
                                settings.kafkaBootstrap()
                                        .map(k -> new DeadLetters(store, k, jobs)));
        Optional<SluiceApi> api = deployer.map(d -> new SluiceApi(d, deadLetters));
        SqlGatewayRestEndpoint endpoint = null;
        try {
            endpoint = new SluiceRestEndpoint(endpointConfig(options), service, api);
            endpoint.start();
            return new SluiceGateway(sessions, endpoint, service, deployer, api, topics);
        } catch (Exception e) {
            stopQuietly(endpoint, e);
            api.ifPresent(SluiceApi::close);
            deployer.ifPresent(Deployer::close);
            sessions.stop();
            topics.close();
            throw new StartupException(
                    "cannot start the SQL gateway on %s:%d: %s (change --gateway-port)"
                            .formatted(
                                    options.host(), options.port(), Failures.innermostMessage(e)),
                    e);
        }
    }

    public int port() {
        return address().getPort();
    }

    public String host() {
        return address().getHostString();
    }

    /** The service behind the REST endpoint, for in-process callers such as {@code sluice demo}. */
    public SqlGatewayService service() {
        return service;
    }

    /**
     * Plans and applies directories of SQL files ({@code sluice deploy}), when a registry is kept.
     */
    public Optional<Deployer> deployer() {
        return deployer;
    }

    private InetSocketAddress address() {
        InetSocketAddress address = endpoint.getServerAddress();
        if (address == null) {
            throw new IllegalStateException("the gateway endpoint is not running");
        }
        return address;
    }

    @Override
    public void close() {
        try {
            endpoint.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the gateway", e);
        } catch (Exception e) {
            throw new IllegalStateException("the gateway endpoint did not stop cleanly", e);
        } finally {
            api.ifPresent(SluiceApi::close);
            deployer.ifPresent(Deployer::close);
            sessions.stop();
            topics.close();
        }
    }

    /** The read-only catalog {@code kafka} of the cluster's topics, in every session. */
    private static DefaultCatalog topicCatalog(TopicDiscovery discovery) {
        return new DefaultCatalog(
                KafkaTopicCatalog.NAME,
                (config, classLoader) ->
                        new KafkaTopicCatalog(
                                KafkaTopicCatalog.NAME,
                                discovery,
                                KafkaTableDefaults.forSession(
                                        Optional.of(discovery.bootstrap()), config)));
    }

    private static Configuration endpointConfig(GatewayOptions options) {
        Map<String, String> endpoint = new HashMap<>();
        endpoint.put(SqlGatewayRestOptions.ADDRESS.key(), options.host());
        endpoint.put(SqlGatewayRestOptions.BIND_ADDRESS.key(), options.host());
        endpoint.put(SqlGatewayRestOptions.PORT.key(), Integer.toString(options.port()));
        endpoint.put(SqlGatewayRestOptions.BIND_PORT.key(), Integer.toString(options.port()));
        Configuration config =
                SqlGatewayRestEndpointFactory.rebuildRestEndpointOptions(endpoint, new HashMap<>());
        options.token().ifPresent(token -> config.set(TokenAuthentication.TOKEN, token));
        config.set(BrowserGuard.ENABLED, true);
        if (BrowserGuard.LOOPBACK_NAMES.contains(options.host()) || options.host().equals("::1")) {
            config.set(BrowserGuard.HOSTS, List.copyOf(BrowserGuard.LOOPBACK_NAMES));
        }
        config.set(WebOptions.ACCESS_CONTROL_ALLOW_ORIGIN, BrowserGuard.NO_ORIGIN);
        return config;
    }

    private static void stopQuietly(SqlGatewayRestEndpoint endpoint, Exception failure) {
        if (endpoint == null) {
            return;
        }
        try {
            endpoint.stop();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
