package dev.sluice.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sluice.server.deploy.PipelineStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice jobs}: the deployed pipelines and how their jobs are doing. */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the pipelines sluice deploy started, with their jobs' health:",
            "state, uptime, last completed checkpoint, records in and out, Kafka lag",
            "(records the sources have yet to read), BAD records (their format could not",
            "decode them: dead-lettered or skipped), LATE records (dropped by a window",
            "operator behind the watermark) and backpressure (ok, low, high)."
        })
final class JobsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin GatewayMixin gateway;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<PipelineStatus> pipelines =
                gateway.client()
                        .get("/sluice/pipelines", new TypeReference<List<PipelineStatus>>() {});
        if (pipelines.isEmpty()) {
            out.println("No pipelines deployed. Deploy some with: sluice deploy sql/");
            out.flush();
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(
                new String[] {
                    "PIPELINE",
                    "STATE",
                    "JOB",
                    "UPTIME",
                    "CHECKPOINT",
                    "IN",
                    "OUT",
                    "LAG",
                    "BAD",
                    "LATE",
                    "BACKPRESSURE"
                });
        for (PipelineStatus p : pipelines) {
            rows.add(
                    new String[] {
                        p.name(),
                        state(p),
                        p.jobId().isEmpty() ? "-" : p.jobId(),
                        p.uptimeMs() == 0 ? "-" : duration(p.uptimeMs()),
                        p.lastCheckpointId() == null
                                ? "-"
                                : "#"
                                        + p.lastCheckpointId()
                                        + ", "
                                        + duration(p.lastCheckpointAgeMs())
                                        + " ago",
                        Long.toString(p.recordsIn()),
                        Long.toString(p.recordsOut()),
                        p.pendingRecords() == null ? "-" : Long.toString(p.pendingRecords()),
                        p.badRecords() == null ? "-" : Long.toString(p.badRecords()),
                        late(p),
                        p.backpressure()
                    });
        }
        printTable(out, rows);
        return 0;
    }

    /**
     * Late records; "≥" when the job's window operators count late pre-aggregates (two-phase
     * aggregation), each of at least one record.
     */
    static String late(PipelineStatus p) {
        if (p.lateRecords() == null) {
            return "-";
        }
        boolean exact =
                p.lateRecordsExact() == null || p.lateRecordsExact() || p.lateRecords() == 0;
        return (exact ? "" : "≥") + p.lateRecords();
    }

    /** Rows as columns padded to their widest cell. */
    static void printTable(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ")
                        .append(String.format("%-" + widths[i] + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /**
     * The registry's word, unless the job disagrees: a RUNNING pipeline whose job failed says so.
     */
    private static String state(PipelineStatus p) {
        String state = p.state();
        String job = p.jobState();
        if (state.equals("RUNNING") && !job.equals("RUNNING")) {
            return "RUNNING (job " + job + ")";
        }
        return state;
    }

    static String duration(long ms) {
        Duration d = Duration.ofMillis(ms);
        if (d.toHours() > 0) {
            return "%dh%02dm".formatted(d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return "%dm%02ds".formatted(d.toMinutes(), d.toSecondsPart());
        }
        return "%ds".formatted(d.toSeconds());
    }
}
