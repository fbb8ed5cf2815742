package dev.sluice.server.service;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.admission.ReadStatement;
import dev.sluice.policy.admission.StatementReader;
import dev.sluice.policy.admission.UnreadableStatementException;
import dev.sluice.policy.eo.ExactlyOnceRewriter;
import dev.sluice.policy.eo.ExactlyOnceSettings;
import dev.sluice.policy.eo.Rewrite;
import dev.sluice.policy.eo.StatementRejectedException;
import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.Rule;
import dev.sluice.policy.guard.StatementGuard;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.server.topics.KafkaTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.calcite.sql.SqlNode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.sql.parser.ddl.SqlStopJob;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.service.operation.OperationExecutor;
import org.apache.flink.table.gateway.service.session.SessionManager;
import org.apache.flink.table.operations.command.SetOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every statement takes into a session, whoever sent it (JDBC, REST, the SQL client's
 * init scripts, {@code sluice deploy}): read once into exactly one statement, the guard's rules,
 * the catalog and plan rules, the exactly-once rewrite, the checkpoint policy. It fails closed:
 * what cannot be read, or whose plan cannot be checked, is refused with the reason.
 */
final class StatementAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(StatementAdmission.class);

    private final SessionManager sessions;
    private final ExactlyOnceSettings settings;
    private final StatementGuard guard;
    private final StatementReader reader;
    private final TopicCheck topics;
    private final SessionPlanCheck plans;
    private final CheckpointPolicy checkpoints;
    private final Function<String, Optional<String>> deployedPipelineOfJob;

    StatementAdmission(
            SessionManager sessions,
            ExactlyOnceSettings settings,
            StatementGuard guard,
            Optional<KafkaTopics> kafka,
            Function<String, Optional<String>> deployedPipelineOfJob) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.reader = new StatementReader(guard.policy().maxStatementLength());
        this.topics = new TopicCheck(kafka, settings.kafkaBootstrap());
        this.plans = new SessionPlanCheck(guard, this.topics);
        this.checkpoints = new CheckpointPolicy(settings);
        this.deployedPipelineOfJob =
                requireNonNull(deployedPipelineOfJob, "deployedPipelineOfJob is null");
    }

    /**
     * The statement as the session will run it.
     *
     * @param executionConfig per-statement configuration
     * @param trusted whether {@code executionConfig} comes from Sluice itself (the deploy engine's
     *     job id and savepoint), which clients may not set
     */
    Admitted admit(
            SessionHandle session, String text, Configuration executionConfig, boolean trusted)
            throws StatementRejectedException {
        SqlStatement where = SqlStatement.standalone(text);
        List<Finding> findings = new ArrayList<>();
        if (!trusted) {
            findings.addAll(guard.checkConfig(executionConfig.toMap()));
        }
        refuse(where, findings);
        OperationExecutor executor = sessions.getSession(session).createExecutor(executionConfig);
        TableEnvironmentInternal tables = executor.getTableEnvironment();
        ReadStatement statement;
        try {
            statement = reader.read(text, tables.getParser());
        } catch (UnreadableStatementException e) {
            throw rejection(where, List.of(e.finding()));
        }
        refuse(where, guard.check(statement));
        Optional<SqlNode> tree = statement.statementTree();
        if (tree.isPresent() && tree.get() instanceof SqlStopJob stop) {
            refuse(where, deployedJob(stop));
        }
        if (tree.isPresent()) {
            refuse(where, plans.check(executor, tables, tree.get(), text));
            refuse(where, topics.forDefinition(tree.get()));
        }
        Rewrite rewrite =
                new ExactlyOnceRewriter(settings, new SessionTableLookup(sessions, session))
                        .rewrite(statement);
        if (rewrite.submitsJob()) {
            checkpoints.check(sessions.getSession(session).getSessionConfig(), executionConfig);
        }
        return new Admitted(rewrite.statement(), showsDefinitions(statement));
    }

    /**
     * A statement as the session will run it.
     *
     * @param statement the text to run
     * @param showsDefinitions whether its result shows definitions or settings whose secret values
     *     must be masked
     */
    record Admitted(String statement, boolean showsDefinitions) {}

    private static boolean showsDefinitions(ReadStatement statement) {
        if (statement.command().isPresent()) {
            return statement.command().get() instanceof SetOperation set && set.getKey().isEmpty();
        }
        String type = statement.tree().orElseThrow().getClass().getSimpleName();
        return type.startsWith("SqlShow")
                || type.startsWith("SqlDescribe")
                || type.startsWith("SqlRichDescribe")
                || type.equals("SqlRichExplain");
    }

    /** A deployed pipeline's job is stopped through Sluice, so that its registry stays true. */
    private List<Finding> deployedJob(SqlStopJob stop) {
        return deployedPipelineOfJob
                .apply(stop.getId())
                .map(
                        pipeline ->
                                Finding.error(
                                        Rule.DEPLOYED_PIPELINE,
                                        1,
                                        1,
                                        "job %s runs the deployed pipeline '%s'"
                                                .formatted(stop.getId(), pipeline),
                                        "stop it with: sluice stop %s".formatted(pipeline)))
                .stream()
                .toList();
    }

    List<Finding> ensureTopics(String table, Map<String, String> options) {
        return topics.forTable(table, options);
    }

    private static void refuse(SqlStatement where, List<Finding> findings)
            throws StatementRejectedException {
        if (findings.stream().anyMatch(Finding::isError)) {
            throw rejection(where, findings);
        }
    }

    static StatementRejectedException rejection(SqlStatement where, List<Finding> findings) {
        List<String> errors =
                findings.stream().filter(Finding::isError).map(f -> f.render(where)).toList();
        LOG.info(
                "refused a statement: {}",
                findings.stream()
                        .filter(Finding::isError)
                        .map(f -> "[" + f.rule() + "] " + f.message())
                        .toList());
        return new StatementRejectedException(String.join(System.lineSeparator(), errors));
    }
}
