package dev.sluice.bench;

import dev.sluice.policy.eo.ExactlyOnceSettings;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.policy.sql.SqlScript;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.runtime.StackOptions;
import dev.sluice.server.GatewayOptions;
import dev.sluice.server.deploy.GatewaySession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/** What the benchmarks share: an embedded stack, SQL resources, bounded jobs timed to the end. */
final class Bench {

    private Bench() {}

    /**
     * An embedded stack on free ports with Sluice's defaults: parallelism 2, its checkpoint
     * interval.
     */
    static StackOptions stackOptions() throws IOException {
        return new StackOptions(
                new GatewayOptions(GatewayOptions.LOOPBACK, 0),
                0,
                Files.createTempDirectory("sluice-bench-"),
                2,
                Optional.empty(),
                ExactlyOnceSettings.DEFAULT_CHECKPOINT_INTERVAL,
                Optional.empty(),
                GuardPolicy.defaults(),
                Set.of());
    }

    /** The statements of a resource of this module, with {@code ${name}} placeholders filled. */
    static List<SqlStatement> script(String resource, Map<String, String> values) {
        try (InputStream in = Bench.class.getResourceAsStream("/" + resource)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                sql = sql.replace("${" + value.getKey() + "}", value.getValue());
            }
            return SqlScript.split(resource, sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a bounded INSERT to its end.
     *
     * @return {@code events} per second of wall time, from submission to the job's end
     */
    static double eventsPerSecond(
            SluiceStack stack, GatewaySession session, SqlStatement insert, long events)
            throws InterruptedException {
        long start = System.nanoTime();
        JobID job = session.execute(insert).orElseThrow();
        while (!stack.flink().jobStatus(job).isGloballyTerminalState()) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        if (stack.flink().jobStatus(job) != JobStatus.FINISHED) {
            throw new IllegalStateException(
                    insert.text() + " ended " + stack.flink().jobStatus(job));
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
