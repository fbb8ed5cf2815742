package dev.sluice.server.deploy;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.Failures;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.server.service.SluiceSqlGatewayService;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.gateway.api.SqlGatewayService;
import org.apache.flink.table.gateway.api.operation.OperationHandle;
import org.apache.flink.table.gateway.api.operation.OperationStatus;
import org.apache.flink.table.gateway.api.results.OperationInfo;
import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestAPIVersion;

/**
 * A session on the gateway service in this JVM: statements take exactly the path that JDBC and SQL
 * client statements take, minus the HTTP hop.
 */
public final class GatewaySession implements AutoCloseable {

    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(2);

    private final SqlGatewayService service;
    private final SessionHandle session;

    public GatewaySession(SqlGatewayService service) {
        this(service, "sluice-cli");
    }

    public GatewaySession(SqlGatewayService service, String name) {
        this(service, name, Map.of());
    }

    public GatewaySession(
            SqlGatewayService service, String name, Map<String, String> sessionConfig) {
        this.service = requireNonNull(service, "service is null");
        SessionEnvironment environment =
                SessionEnvironment.newBuilder()
                        .setSessionName(name)
                        .addSessionConfig(sessionConfig)
                        .setSessionEndpointVersion(SqlGatewayRestAPIVersion.getDefaultVersion())
                        .build();
        // Sluice's own sessions may carry internal options (a replay point) that clients may not.
        this.session =
                service instanceof SluiceSqlGatewayService sluice
                        ? sluice.openTrustedSession(environment)
                        : service.openSession(environment);
    }

    /** Runs one statement to completion; returns the job it started, if any. */
    private static final String STANDALONE_POSITION =
            "^statement, statement \\d+, line \\d+, column \\d+: ";

    public Optional<JobID> execute(SqlStatement statement) {
        return finish(
                statement,
                service.executeStatement(session, statement.text(), -1, new Configuration()));
    }

    /**
     * Runs one statement from Sluice itself, with options that clients may not set (see {@link
     * SluiceSqlGatewayService#executeTrusted}).
     */
    public Optional<JobID> executeTrusted(SqlStatement statement, Configuration config) {
        if (!(service instanceof SluiceSqlGatewayService sluice)) {
            throw new IllegalStateException("trusted statements need the Sluice gateway service");
        }
        return finish(statement, sluice.executeTrusted(session, statement.text(), config));
    }

    private Optional<JobID> finish(SqlStatement statement, OperationHandle operation) {
        OperationInfo info = awaitTermination(operation, statement);
        if (info.getStatus() != OperationStatus.FINISHED) {
            throw new StatementFailedException(
                    "%s: %s"
                            .formatted(
                                    statement.locate(1, 1),
                                    info.getException()
                                            .map(Failures::innermostMessage)
                                            // The admission names the statement on its own;
                                            // this names it in its file.
                                            .map(m -> m.replaceFirst(STANDALONE_POSITION, ""))
                                            .orElse("the statement ended " + info.getStatus())));
        }
        Optional<JobID> job =
                Optional.ofNullable(
                        service.fetchResults(session, operation, 0L, Integer.MAX_VALUE).getJobID());
        service.closeOperation(session, operation);
        return job;
    }

    /** The options of a table in this session's current catalog and database. */
    public Map<String, String> tableOptions(String table) {
        String catalog = service.getCurrentCatalog(session);
        String database =
                service.getSessionConfig(session)
                        .getOrDefault(
                                TableConfigOptions.TABLE_DATABASE_NAME.key(),
                                TableConfigOptions.TABLE_DATABASE_NAME.defaultValue());
        return service.getTable(session, ObjectIdentifier.of(catalog, database, table))
                .getOptions();
    }

    @Override
    public void close() {
        service.closeSession(session);
    }

    private OperationInfo awaitTermination(OperationHandle operation, SqlStatement statement) {
        long deadline = System.nanoTime() + STATEMENT_TIMEOUT.toNanos();
        while (true) {
            OperationInfo info = service.getOperationInfo(session, operation);
            if (info.getStatus().isTerminalStatus()) {
                return info;
            }
            if (System.nanoTime() > deadline) {
                service.cancelOperation(session, operation);
                throw new StatementFailedException(
                        "%s: did not finish within %d s"
                                .formatted(statement.locate(1, 1), STATEMENT_TIMEOUT.toSeconds()));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                service.cancelOperation(session, operation);
                throw new StatementFailedException(statement.locate(1, 1) + ": interrupted");
            }
        }
    }
}
