package dev.sluice.catalog.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline as {@code sluice deploy} left it.
 *
 * @param name the pipeline's name: its file's name without {@code .sql}
 * @param file the file it came from, relative to the deployed directory
 * @param fingerprint SHA-256 of its normalized statements: equal fingerprints, same pipeline
 * @param statements the file's statements as deployed, to restart or restore it
 * @param jobId the Flink job that runs it, chosen before submission
 * @param state where it is in its life
 * @param lastSavepoint the newest savepoint taken of it, to upgrade, resume or roll back from
 * @param updatedAt when deploy, stop or resume last changed it
 * @param updatedBy who did
 */
public record DeployedPipeline(
        String name,
        String file,
        String fingerprint,
        List<String> statements,
        Optional<String> jobId,
        State state,
        Optional<String> lastSavepoint,
        Instant updatedAt,
        String updatedBy) {

    /** Where a pipeline is in its life. */
    public enum State {
        /** Its job id is chosen and it is being submitted: it may or may not run. */
        STARTING,
        RUNNING,
        /** Stopped on purpose ({@code sluice stop}, {@code deploy --prune}); not restarted. */
        STOPPED
    }

    public DeployedPipeline {
        requireNonNull(name, "name is null");
        requireNonNull(file, "file is null");
        requireNonNull(fingerprint, "fingerprint is null");
        statements = List.copyOf(statements);
        requireNonNull(jobId, "jobId is null");
        requireNonNull(state, "state is null");
        requireNonNull(lastSavepoint, "lastSavepoint is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(updatedBy, "updatedBy is null");
    }

    public DeployedPipeline withJob(String jobId, State state, String by) {
        return new DeployedPipeline(
                name,
                file,
                fingerprint,
                statements,
                Optional.of(jobId),
                state,
                lastSavepoint,
                Instant.now(),
                by);
    }

    public DeployedPipeline withState(State state, Optional<String> savepoint, String by) {
        return new DeployedPipeline(
                name,
                file,
                fingerprint,
                statements,
                jobId,
                state,
                savepoint.or(() -> lastSavepoint),
                Instant.now(),
                by);
    }
}
