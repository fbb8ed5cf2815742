package dev.sluice.server.deploy;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Where a lost job's newest completed checkpoint is ({@code <dir>/<job id>/chk-N/_metadata}),
 * through Flink's own file systems: any scheme the gateway can read ({@code file}, {@code s3},
 * {@code hdfs}, ...). When it cannot be determined the answer says so, rather than "none": a
 * restart from an older savepoint or from empty state would emit committed output again.
 */
final class RetainedCheckpoints {

    /** What is known about a job's retained checkpoints. */
    sealed interface Lookup {}

    /** The newest completed checkpoint. */
    record Found(String path) implements Lookup {}

    /** The job left no completed checkpoint: it never committed output of its own. */
    record None() implements Lookup {}

    /** The directory could not be read; restarting would guess. */
    record Unknown(String reason) implements Lookup {}

    private RetainedCheckpoints() {}

    static Lookup of(Optional<URI> directory, String jobId) {
        if (directory.isEmpty()) {
            return new Unknown("the gateway has no checkpoint directory configured");
        }
        try {
            Path jobDir = new Path(new Path(directory.get()), jobId);
            FileSystem fs = jobDir.getFileSystem();
            if (!fs.exists(jobDir)) {
                return new None();
            }
            FileStatus newest = null;
            long newestId = -1;
            for (FileStatus status : fs.listStatus(jobDir)) {
                String name = status.getPath().getName();
                if (!name.matches("chk-\\d+")
                        || !fs.exists(new Path(status.getPath(), "_metadata"))) {
                    continue;
                }
                long id = Long.parseLong(name.substring(4));
                if (id > newestId) {
                    newestId = id;
                    newest = status;
                }
            }
            return newest == null ? new None() : new Found(newest.getPath().toUri().toString());
        } catch (IOException | RuntimeException e) {
            return new Unknown(
                    "cannot read %s: %s"
                            .formatted(
                                    directory.get(),
                                    dev.sluice.policy.Failures.innermostMessage(e)));
        }
    }
}
