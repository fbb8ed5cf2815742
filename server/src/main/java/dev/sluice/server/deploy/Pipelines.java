package dev.sluice.server.deploy;

import static java.util.Objects.requireNonNull;

import dev.sluice.catalog.store.DeployedPipeline;
import dev.sluice.catalog.store.DeploymentRegistry;
import dev.sluice.policy.eo.KafkaTableDefaults;
import dev.sluice.policy.sql.SqlScript;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.server.service.SluiceSqlGatewayService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the job of one pipeline and keeps the registry in step with it. Every job id is
 * chosen and recorded before submission, so a gateway killed mid-way leaves a registry that names
 * the job, never an unknown second copy.
 */
final class Pipelines {

    private static final Logger LOG = LoggerFactory.getLogger(Pipelines.class);

    static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(5);
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final SluiceSqlGatewayService service;
    private final DeploymentRegistry registry;
    private final FlinkJobs jobs;

    Pipelines(SluiceSqlGatewayService service, DeploymentRegistry registry, FlinkJobs jobs) {
        this.service = requireNonNull(service, "service is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    Optional<JobStatus> state(String jobId) {
        return jobs.state(jobId);
    }

    /** Submits the statements as the pipeline's new job and waits for its first checkpoint. */
    String start(
            String name,
            String file,
            List<String> statements,
            Optional<String> savepoint,
            String user) {
        return start(name, file, statements, savepoint, user, Map.of());
    }

    /**
     * @param sessionConfig extra session options of the job's statements (a replay's start offsets)
     * @return the new job's id
     * @throws StartFailedException when it did not start; the registry then says stopped
     */
    String start(
            String name,
            String file,
            List<String> statements,
            Optional<String> savepoint,
            String user,
            Map<String, String> sessionConfig) {
        String jobId = JobID.generate().toHexString();
        DeployedPipeline starting =
                new DeployedPipeline(
                        name,
                        file,
                        Fingerprint.of(statements),
                        statements,
                        Optional.of(jobId),
                        DeployedPipeline.State.STARTING,
                        savepoint,
                        Instant.now(),
                        user);
        registry.save(starting);
        LOG.info(
                "pipeline {}: starting job {} {}",
                name,
                jobId,
                savepoint.map(s -> "from " + s).orElse("with empty state"));
        Configuration config = new Configuration();
        config.set(PipelineOptions.NAME, name);
        config.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, jobId);
        savepoint.ifPresent(path -> config.set(StateRecoveryOptions.SAVEPOINT_PATH, path));
        Map<String, String> withGroup = new HashMap<>(sessionConfig);
        withGroup.put(KafkaTableDefaults.GROUP_OPTION, KafkaTableDefaults.groupId(name));
        try (GatewaySession session =
                new GatewaySession(service, "sluice-deploy-" + name, withGroup)) {
            List<SqlStatement> parsed = new ArrayList<>();
            for (String text : statements) {
                parsed.addAll(SqlScript.split(file, text));
            }
            for (SqlStatement statement : parsed) {
                if (statement.text().strip().toUpperCase(Locale.ROOT).startsWith("SET")) {
                    session.execute(statement);
                } else {
                    session.executeTrusted(statement, config);
                }
            }
        } catch (RuntimeException e) {
            registry.save(
                    starting.withState(DeployedPipeline.State.STOPPED, Optional.empty(), user));
            // Flink refuses a savepoint that does not fit at submission already.
            StartFailedException failed =
                    new StartFailedException(
                            name,
                            Explanations.of(e)
                                    .replaceFirst(
                                            "^.*?, statement \\d+, line \\d+, column \\d+: ", ""));
            LOG.warn("pipeline {}: not submitted: {}", name, failed.reason());
            throw failed;
        }
        Optional<JobStatus> state =
                jobs.awaitState(
                        jobId,
                        START_TIMEOUT,
                        EnumSet.of(
                                JobStatus.RUNNING,
                                JobStatus.FAILED,
                                JobStatus.CANCELED,
                                JobStatus.FINISHED));
        if (state.equals(Optional.of(JobStatus.RUNNING))) {
            state = awaitFirstCheckpoint(jobId);
        }
        if (!state.equals(Optional.of(JobStatus.RUNNING))) {
            String why = jobs.failure(jobId).orElse("the job is " + JobStates.describe(state));
            if (JobStates.alive(jobs.state(jobId))) {
                cancel(jobId);
            }
            registry.save(
                    starting.withState(DeployedPipeline.State.STOPPED, Optional.empty(), user));
            LOG.warn("pipeline {}: job {} did not start: {}", name, jobId, why);
            throw new StartFailedException(name, why);
        }
        registry.save(starting.withJob(jobId, DeployedPipeline.State.RUNNING, user));
        LOG.info("pipeline {}: job {} running", name, jobId);
        return jobId;
    }

    /**
     * Stops the job with a savepoint.
     *
     * @throws JobControlException when the savepoint cannot be taken; the job then keeps running
     */
    String stopWithSavepoint(String name, String jobId) {
        String savepoint = jobs.stopWithSavepoint(jobId, SAVEPOINT_TIMEOUT);
        LOG.info("pipeline {}: job {} stopped with savepoint {}", name, jobId, savepoint);
        return savepoint;
    }

    /** Cancels the job and waits until it ended. */
    void cancel(String jobId) {
        jobs.cancel(jobId);
        jobs.awaitState(jobId, START_TIMEOUT, JobStates.ENDED);
    }

    /**
     * A job is up once it completed a checkpoint: its sources found their topics, a restored job's
     * state fit, its sink can commit. One that fails instead keeps restarting.
     */
    private Optional<JobStatus> awaitFirstCheckpoint(String jobId) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JobStatus> state = jobs.state(jobId);
            if (!JobStates.alive(state)) {
                return state;
            }
            if (jobs.completedCheckpoints(jobId) > 0) {
                return Optional.of(JobStatus.RUNNING);
            }
            pause();
        }
        return Optional.of(JobStatus.RESTARTING);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted", e);
        }
    }
}
