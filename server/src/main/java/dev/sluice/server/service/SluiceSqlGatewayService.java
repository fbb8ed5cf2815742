package dev.sluice.server.service;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.eo.ExactlyOnceSettings;
import dev.sluice.policy.eo.StatementRejectedException;
import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.policy.guard.StatementGuard;
import dev.sluice.server.topics.KafkaTopics;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.CatalogBaseTable.TableKind;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogBaseTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UnresolvedIdentifier;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.gateway.api.SqlGatewayService;
import org.apache.flink.table.gateway.api.endpoint.EndpointVersion;
import org.apache.flink.table.gateway.api.operation.OperationHandle;
import org.apache.flink.table.gateway.api.results.FetchOrientation;
import org.apache.flink.table.gateway.api.results.FunctionInfo;
import org.apache.flink.table.gateway.api.results.GatewayInfo;
import org.apache.flink.table.gateway.api.results.OperationInfo;
import org.apache.flink.table.gateway.api.results.ResultSet;
import org.apache.flink.table.gateway.api.results.TableInfo;
import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.api.utils.SqlGatewayException;
import org.apache.flink.table.gateway.service.session.Session;
import org.apache.flink.table.gateway.service.session.SessionManager;

/**
 * Flink's SQL Gateway service with Sluice in front of every statement: the {@link StatementGuard}
 * on every path a statement or a setting can take (session properties, statements, init scripts,
 * per-statement config, materialized-table refreshes, script deploys), then the exactly-once
 * rewrite. The stock REST endpoint serves it, so the stock JDBC driver and SQL client work
 * unchanged.
 *
 * <p>A rejected statement becomes an operation that fails with the rejection message: clients then
 * print that message, where a synchronous exception would reach them as "Internal server error".
 */
public final class SluiceSqlGatewayService implements SqlGatewayService {

    /**
     * What the stock SQL client sends with every session on top of the user's choices: the
     * directory of its own configuration. It means nothing to the gateway, so it is dropped.
     */
    private static final Set<String> CLIENT_BOOKKEEPING = Set.of("$internal.deployment.config-dir");

    private static final int COMPLETION_LIMIT = 16 * 1024;

    private final SqlGatewayService delegate;
    private final SessionManager sessions;
    private final Optional<DefaultCatalog> defaultCatalog;
    private final List<DefaultCatalog> extraCatalogs;
    private final StatementGuard guard;
    private final StatementAdmission admission;
    private final Set<OperationHandle> masked = ConcurrentHashMap.newKeySet();
    private final Map<SessionHandle, Object> locks = new ConcurrentHashMap<>();

    public SluiceSqlGatewayService(
            SqlGatewayService delegate,
            SessionManager sessions,
            ExactlyOnceSettings settings,
            Optional<DefaultCatalog> defaultCatalog,
            GuardPolicy policy,
            Optional<KafkaTopics> topics,
            Function<String, Optional<String>> deployedPipelineOfJob) {
        this(
                delegate,
                sessions,
                settings,
                defaultCatalog,
                List.of(),
                policy,
                topics,
                deployedPipelineOfJob);
    }

    /**
     * @param extraCatalogs catalogs every session gets besides its default one (the {@code kafka}
     *     catalog of topics), unless its client registers one of the same name
     */
    public SluiceSqlGatewayService(
            SqlGatewayService delegate,
            SessionManager sessions,
            ExactlyOnceSettings settings,
            Optional<DefaultCatalog> defaultCatalog,
            List<DefaultCatalog> extraCatalogs,
            GuardPolicy policy,
            Optional<KafkaTopics> topics,
            Function<String, Optional<String>> deployedPipelineOfJob) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.extraCatalogs = List.copyOf(extraCatalogs);
        this.defaultCatalog = requireNonNull(defaultCatalog, "defaultCatalog is null");
        this.guard = new StatementGuard(policy, settings.kafkaBootstrap());
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.admission =
                new StatementAdmission(sessions, settings, guard, topics, deployedPipelineOfJob);
    }

    /** The options that every session starts with, on top of Flink's defaults. */
    public static Map<String, String> sessionDefaults(ExactlyOnceSettings settings) {
        return new CheckpointPolicy(settings).sessionDefaults();
    }

    @Override
    public OperationHandle executeStatement(
            SessionHandle session, String statement, long timeoutMs, Configuration config)
            throws SqlGatewayException {
        if (timeoutMs > 0) {
            // Flink's own answer: the gateway service has no timeouts.
            return delegate.executeStatement(session, statement, timeoutMs, config);
        }
        Session running = sessions.getSession(session);
        // Admission runs inside the operation, on the session's operation threads, as Flink runs
        // the statement itself: reading and planning a large statement never holds a REST thread
        // that other clients' requests wait for.
        return running.getOperationManager()
                .submitOperation(
                        handle -> {
                            // One statement of a session at a time from admission to submission:
                            // a concurrent USE CATALOG must not change what a name means between
                            // the checks and the run.
                            synchronized (locks.computeIfAbsent(session, s -> new Object())) {
                                StatementAdmission.Admitted admitted;
                                try {
                                    admitted = admission.admit(session, statement, config, false);
                                } catch (StatementRejectedException e) {
                                    throw new ValidationException(e.getMessage());
                                }
                                if (admitted.showsDefinitions()) {
                                    masked.add(handle);
                                }
                                return running.createExecutor(config)
                                        .executeStatement(handle, admitted.statement());
                            }
                        });
    }

    /**
     * A statement from Sluice itself ({@code sluice deploy}, stop, resume): the statement passes
     * the guard and the exactly-once rewrite like any other, but {@code trustedConfig} may carry
     * what clients may not set, such as the job id and the savepoint to restore from.
     */
    public OperationHandle executeTrusted(
            SessionHandle session, String statement, Configuration trustedConfig) {
        try {
            String admitted = admission.admit(session, statement, trustedConfig, true).statement();
            return delegate.executeStatement(session, admitted, -1, trustedConfig);
        } catch (StatementRejectedException e) {
            return reject(session, e);
        }
    }

    @Override
    public void configureSession(SessionHandle session, String statement, long timeoutMs)
            throws SqlGatewayException {
        String admitted;
        try {
            admitted = admission.admit(session, statement, new Configuration(), false).statement();
        } catch (StatementRejectedException e) {
            throw new SqlGatewayException(e.getMessage(), e);
        }
        delegate.configureSession(session, admitted, timeoutMs);
    }

    /**
     * Creates the missing topics of a Kafka table written into the catalog without a statement
     * ({@code sluice deploy}); returns what went wrong, with the fix, or nothing.
     */
    public List<String> ensureTopics(String table, Map<String, String> options) {
        return admission.ensureTopics(table, options).stream()
                .map(f -> f.message() + ". Fix: " + f.fix())
                .toList();
    }

    private OperationHandle reject(SessionHandle session, StatementRejectedException rejection) {
        String message = rejection.getMessage();
        return delegate.submitOperation(
                session,
                () -> {
                    throw new ValidationException(message);
                });
    }

    /**
     * The session properties a client chose, checked like {@code SET}; Flink's and Sluice's
     * internal keys among them are refused, except the SQL client's own bookkeeping, dropped.
     */
    private Map<String, String> admittedSessionConfig(Map<String, String> sessionConfig) {
        Map<String, String> chosen = new HashMap<>(sessionConfig);
        chosen.keySet().removeAll(CLIENT_BOOKKEEPING);
        List<Finding> findings = guard.checkConfig(chosen);
        if (findings.stream().anyMatch(Finding::isError)) {
            throw new SqlGatewayException(
                    "session properties refused: "
                            + findings.stream()
                                    .filter(Finding::isError)
                                    .map(f -> "[" + f.rule() + "] " + f.message())
                                    .toList());
        }
        return chosen;
    }

    // ---- everything below is Flink's behaviour, unchanged ----

    /** Every session starts in the persistent catalog unless its client chose a catalog. */
    @Override
    public SessionHandle openSession(SessionEnvironment environment) throws SqlGatewayException {
        return open(environment, admittedSessionConfig(environment.getSessionConfig()));
    }

    /**
     * A session for Sluice itself (the deploy engine's replays), whose properties may carry what
     * clients may not set; never reachable from the network.
     */
    public SessionHandle openTrustedSession(SessionEnvironment environment) {
        return open(environment, environment.getSessionConfig());
    }

    private SessionHandle open(SessionEnvironment environment, Map<String, String> config) {
        SessionEnvironment.Builder builder =
                SessionEnvironment.newBuilder()
                        .setSessionEndpointVersion(environment.getSessionEndpointVersion())
                        .addSessionConfig(config);
        environment.getSessionName().ifPresent(builder::setSessionName);
        environment.getRegisteredCatalogCreators().forEach(builder::registerCatalogCreator);
        for (DefaultCatalog extra : extraCatalogs) {
            if (!environment.getRegisteredCatalogCreators().containsKey(extra.name())) {
                builder.registerCatalogCreator(extra.name(), extra.creator());
            }
        }
        List<Map.Entry<String, SessionEnvironment.ModuleCreator>> modules =
                new ArrayList<>(environment.getRegisteredModuleCreators().entrySet());
        Collections.reverse(modules);
        modules.forEach(m -> builder.registerModuleCreatorAtHead(m.getKey(), m.getValue()));
        if (environment.getDefaultCatalog().isPresent()) {
            builder.setDefaultCatalog(environment.getDefaultCatalog().get());
        } else if (defaultCatalog.isPresent()) {
            DefaultCatalog catalog = defaultCatalog.get();
            builder.registerCatalogCreator(catalog.name(), catalog.creator());
            builder.setDefaultCatalog(catalog.name());
        }
        return delegate.openSession(builder.build());
    }

    @Override
    public void closeSession(SessionHandle session) throws SqlGatewayException {
        locks.remove(session);
        delegate.closeSession(session);
    }

    /** Shown to clients (the REST API's session resource): secret values masked. */
    @Override
    public Map<String, String> getSessionConfig(SessionHandle session) throws SqlGatewayException {
        Map<String, String> config = new HashMap<>(delegate.getSessionConfig(session));
        config.replaceAll((k, v) -> SecretMasking.isSensitive(k) ? SecretMasking.MASK : v);
        return config;
    }

    @Override
    public EndpointVersion getSessionEndpointVersion(SessionHandle session)
            throws SqlGatewayException {
        return delegate.getSessionEndpointVersion(session);
    }

    @Override
    public OperationHandle submitOperation(SessionHandle session, Callable<ResultSet> executor)
            throws SqlGatewayException {
        return delegate.submitOperation(session, executor);
    }

    @Override
    public void cancelOperation(SessionHandle session, OperationHandle operation)
            throws SqlGatewayException {
        delegate.cancelOperation(session, operation);
    }

    @Override
    public void closeOperation(SessionHandle session, OperationHandle operation)
            throws SqlGatewayException {
        masked.remove(operation);
        delegate.closeOperation(session, operation);
    }

    @Override
    public OperationInfo getOperationInfo(SessionHandle session, OperationHandle operation)
            throws SqlGatewayException {
        return delegate.getOperationInfo(session, operation);
    }

    @Override
    public ResolvedSchema getOperationResultSchema(SessionHandle session, OperationHandle operation)
            throws SqlGatewayException {
        return delegate.getOperationResultSchema(session, operation);
    }

    @Override
    public ResultSet fetchResults(
            SessionHandle session, OperationHandle operation, long token, int maxRows)
            throws SqlGatewayException {
        ResultSet result = delegate.fetchResults(session, operation, token, maxRows);
        return masked.contains(operation) ? SecretMasking.mask(result) : result;
    }

    @Override
    public ResultSet fetchResults(
            SessionHandle session,
            OperationHandle operation,
            FetchOrientation orientation,
            int maxRows)
            throws SqlGatewayException {
        ResultSet result = delegate.fetchResults(session, operation, orientation, maxRows);
        return masked.contains(operation) ? SecretMasking.mask(result) : result;
    }

    @Override
    public String getCurrentCatalog(SessionHandle session) throws SqlGatewayException {
        return delegate.getCurrentCatalog(session);
    }

    @Override
    public Set<String> listCatalogs(SessionHandle session) throws SqlGatewayException {
        return delegate.listCatalogs(session);
    }

    @Override
    public Set<String> listDatabases(SessionHandle session, String catalog)
            throws SqlGatewayException {
        return delegate.listDatabases(session, catalog);
    }

    @Override
    public Set<TableInfo> listTables(
            SessionHandle session, String catalog, String database, Set<TableKind> kinds)
            throws SqlGatewayException {
        return delegate.listTables(session, catalog, database, kinds);
    }

    @Override
    public ResolvedCatalogBaseTable<?> getTable(SessionHandle session, ObjectIdentifier table)
            throws SqlGatewayException {
        return delegate.getTable(session, table);
    }

    @Override
    public Set<FunctionInfo> listUserDefinedFunctions(
            SessionHandle session, String catalog, String database) throws SqlGatewayException {
        return delegate.listUserDefinedFunctions(session, catalog, database);
    }

    @Override
    public Set<FunctionInfo> listSystemFunctions(SessionHandle session) throws SqlGatewayException {
        return delegate.listSystemFunctions(session);
    }

    @Override
    public FunctionDefinition getFunctionDefinition(
            SessionHandle session, UnresolvedIdentifier function) throws SqlGatewayException {
        return delegate.getFunctionDefinition(session, function);
    }

    @Override
    public GatewayInfo getGatewayInfo() {
        return delegate.getGatewayInfo();
    }

    /** Completion parses on the REST thread: long text gets no completions, not a parse. */
    @Override
    public List<String> completeStatement(SessionHandle session, String statement, int position)
            throws SqlGatewayException {
        if (statement.length() > COMPLETION_LIMIT) {
            return List.of();
        }
        return delegate.completeStatement(session, statement, position);
    }

    /** Materialized tables start refresh jobs of their own; Sluice does not run them. */
    @Override
    public OperationHandle refreshMaterializedTable(
            SessionHandle session,
            String materializedTable,
            boolean isPeriodic,
            String scheduleTime,
            Map<String, String> dynamicOptions,
            Map<String, String> staticPartitions,
            Map<String, String> executionConfig) {
        return reject(
                session,
                new StatementRejectedException(
                        "[sql-unsupported] materialized tables are not run by this gateway"
                                + System.lineSeparator()
                                + "  Fix: use a table and an INSERT INTO ... SELECT pipeline"));
    }

    /**
     * Script deploys start an application cluster of their own, outside the gateway's cluster and
     * outside the one admission path: refused.
     */
    @Override
    public <ClusterID> ClusterID deployScript(
            SessionHandle session, URI scriptUri, String script, Configuration executionConfig)
            throws SqlGatewayException {
        throw new SqlGatewayException(
                "[sql-unsupported] script deploys are not run by this gateway; send each"
                        + " statement on its own, or use sluice deploy for a folder of SQL files");
    }
}
