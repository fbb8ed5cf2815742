package dev.sluice.server.deploy;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;

/** What deploy makes of Flink's job states. */
final class JobStates {

    /** A job in one of these runs, or will again without anyone's help. */
    private static final Set<JobStatus> ALIVE =
            EnumSet.of(
                    JobStatus.INITIALIZING,
                    JobStatus.CREATED,
                    JobStatus.RUNNING,
                    JobStatus.RESTARTING,
                    JobStatus.FAILING,
                    JobStatus.RECONCILING);

    /** Where a job ends up once it stopped for good. */
    static final Set<JobStatus> ENDED =
            EnumSet.of(JobStatus.CANCELED, JobStatus.FAILED, JobStatus.FINISHED);

    private JobStates() {}

    /** Whether a job the cluster reports in this state (empty: unknown to it) is alive. */
    static boolean alive(Optional<JobStatus> state) {
        return state.map(ALIVE::contains).orElse(false);
    }

    /** The state in messages: Flink's word, or "unknown to Flink". */
    static String describe(Optional<JobStatus> state) {
        return state.map(JobStatus::name).orElse("unknown to Flink");
    }
}
