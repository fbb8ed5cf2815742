package dev.sluice.server.deploy;

import dev.sluice.catalog.store.DeployedPipeline;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.flink.api.common.JobStatus;

/**
 * A deployed pipeline and its job, for {@code sluice jobs}.
 *
 * @param state the registry's word: {@code RUNNING}, {@code STOPPED}, {@code STARTING}
 * @param jobState Flink's word for the job, or {@code UNKNOWN}
 * @param uptimeMs how long the job has run
 * @param lastCheckpointAgeMs how long ago its newest checkpoint completed; null when none did
 * @param pendingRecords Kafka records its sources have yet to read (consumer lag); null when
 *     unknown
 * @param backpressure the worst level over its operators: ok, low or high
 * @param badRecords records of its Kafka sources that their format could not decode, since the job
 *     started: dead-lettered or skipped; null when unknown
 * @param lateRecords records its window operators dropped behind the watermark, since the job
 *     started; null when unknown
 * @param lateRecordsExact whether {@code lateRecords} counts records: false when the job
 *     pre-aggregates its windows (Flink's two-phase window aggregation), whose window operators
 *     count late groups of records (at least one record each); null when unknown
 */
public record PipelineStatus(
        String name,
        String file,
        String state,
        String jobId,
        String jobState,
        long uptimeMs,
        Long lastCheckpointId,
        Long lastCheckpointAgeMs,
        long recordsIn,
        long recordsOut,
        Long pendingRecords,
        String backpressure,
        String lastSavepoint,
        String updatedBy,
        String updatedAt,
        Long badRecords,
        Long lateRecords,
        Boolean lateRecordsExact) {

    static PipelineStatus of(DeployedPipeline pipeline, FlinkJobs jobs) {
        String jobId = pipeline.jobId().orElse("");
        Optional<FlinkJobs.Job> job = jobId.isEmpty() ? Optional.empty() : jobs.job(jobId);
        boolean running = job.map(j -> j.state() == JobStatus.RUNNING).orElse(false);
        Optional<FlinkJobs.Checkpoint> checkpoint =
                running ? jobs.lastCheckpoint(jobId) : Optional.empty();
        long now = System.currentTimeMillis();
        long in = 0;
        long out = 0;
        if (job.isPresent()) {
            // Flink lists a job's vertices from its sources to its sinks: records in are what the
            // source tasks read, records out what the sink tasks wrote.
            var vertices = job.get().vertices();
            if (!vertices.isEmpty()) {
                in = vertices.get(0).recordsIn();
                out = vertices.get(vertices.size() - 1).recordsOut();
            }
        }
        OptionalLong pending = running ? jobs.pendingRecords(job.get()) : OptionalLong.empty();
        return new PipelineStatus(
                pipeline.name(),
                pipeline.file(),
                pipeline.state().name(),
                jobId,
                job.map(j -> j.state().name()).orElse("UNKNOWN"),
                running ? job.get().durationMs() : 0,
                checkpoint.map(FlinkJobs.Checkpoint::id).orElse(null),
                checkpoint.map(c -> now - c.completedAt()).orElse(null),
                in,
                out,
                pending.isPresent() ? pending.getAsLong() : null,
                running ? jobs.backpressure(job.get()) : "-",
                pipeline.lastSavepoint().orElse(null),
                pipeline.updatedBy(),
                pipeline.updatedAt().toString(),
                boxed(running ? jobs.badRecords(job.get()) : OptionalLong.empty()),
                boxed(running ? jobs.lateRecordsDropped(job.get()) : OptionalLong.empty()),
                running ? !FlinkJobs.preAggregatesWindows(job.get()) : null);
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
