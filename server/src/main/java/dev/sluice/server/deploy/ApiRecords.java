package dev.sluice.server.deploy;

import java.util.List;
import java.util.Optional;

/**
 * The bodies of Sluice's REST resources that are not a {@link Deployment} or a {@link
 * PipelineStatus}: the gateway and the {@code sluice} commands bind the same records with Jackson.
 */
public final class ApiRecords {

    private ApiRecords() {}

    /** {@code POST /sluice/deploy}: plan ({@code apply} false) or plan and apply a directory. */
    public record DeployRequest(
            String root,
            List<ProjectFile> files,
            boolean apply,
            boolean prune,
            boolean allowStateReset,
            String user) {

        public DeployRequest {
            root = root == null ? "" : root;
            files = files == null ? List.of() : List.copyOf(files);
            user = knownUser(user);
        }

        DeployOptions options() {
            return new DeployOptions(prune, allowStateReset, user);
        }
    }

    /** {@code POST /sluice/pipelines/NAME/stop}; {@code savepoint} is taken unless false. */
    public record StopRequest(Boolean savepoint, String user) {
        public StopRequest {
            savepoint = savepoint == null || savepoint;
            user = knownUser(user);
        }
    }

    /** {@code POST /sluice/pipelines/NAME/resume}. */
    public record ResumeRequest(String user) {
        public ResumeRequest {
            user = knownUser(user);
        }
    }

    /** {@code POST /sluice/pipelines/NAME/replay}: {@code earliest} or {@code timestamp:MILLIS}. */
    public record ReplayRequest(String from, String user) {
        public ReplayRequest {
            from = from == null ? "" : from;
            user = knownUser(user);
        }
    }

    /**
     * {@code POST /sluice/dead-letters/TABLE/replay}: into the topics the records came from, or
     * into {@code to}.
     */
    public record DeadLetterReplayRequest(String to, boolean dryRun, String user) {
        public DeadLetterReplayRequest {
            to = to == null ? "" : to;
            user = knownUser(user);
        }
    }

    /** What {@code stop} answers: the savepoint taken, or empty when the job was cancelled. */
    public record StopResult(String savepoint) {
        public StopResult {
            savepoint = savepoint == null ? "" : savepoint;
        }

        public Optional<String> taken() {
            return savepoint.isEmpty() ? Optional.empty() : Optional.of(savepoint);
        }
    }

    /** What {@code resume} and {@code replay} answer: the new job. */
    public record JobResult(String jobId) {}

    private static String knownUser(String user) {
        return user == null || user.isBlank() ? "unknown" : user;
    }
}
