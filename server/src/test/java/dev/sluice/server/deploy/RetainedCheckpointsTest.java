package dev.sluice.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lost job's checkpoints through Flink's file systems, and an honest "cannot tell". */
class RetainedCheckpointsTest {

    private static final String JOB = "0123456789abcdef0123456789abcdef";

    @TempDir Path dir;

    @Test
    void findsTheNewestCompletedCheckpoint() throws Exception {
        Files.createDirectories(dir.resolve(JOB).resolve("chk-1"));
        Files.writeString(dir.resolve(JOB).resolve("chk-1").resolve("_metadata"), "x");
        Files.createDirectories(dir.resolve(JOB).resolve("chk-3"));
        Files.writeString(dir.resolve(JOB).resolve("chk-3").resolve("_metadata"), "x");
        Files.createDirectories(dir.resolve(JOB).resolve("chk-5"));

        RetainedCheckpoints.Lookup lookup = RetainedCheckpoints.of(Optional.of(dir.toUri()), JOB);

        assertThat(lookup).isInstanceOf(RetainedCheckpoints.Found.class);
        assertThat(((RetainedCheckpoints.Found) lookup).path()).endsWith("/chk-3");
    }

    @Test
    void aJobThatNeverCheckpointedHasNone() {
        assertThat(RetainedCheckpoints.of(Optional.of(dir.toUri()), JOB))
                .isInstanceOf(RetainedCheckpoints.None.class);
    }

    @Test
    void aDirectoryThatCannotBeReadIsUnknownNotNone() {
        RetainedCheckpoints.Lookup noFileSystem =
                RetainedCheckpoints.of(Optional.of(URI.create("nofs://bucket/checkpoints")), JOB);
        RetainedCheckpoints.Lookup notConfigured = RetainedCheckpoints.of(Optional.empty(), JOB);

        assertThat(noFileSystem).isInstanceOf(RetainedCheckpoints.Unknown.class);
        assertThat(((RetainedCheckpoints.Unknown) noFileSystem).reason())
                .contains("nofs://bucket/checkpoints");
        assertThat(notConfigured).isInstanceOf(RetainedCheckpoints.Unknown.class);
    }
}
