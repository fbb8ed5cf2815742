package dev.sluice.cli;

import dev.sluice.server.deploy.ApiRecords.JobResult;
import dev.sluice.server.deploy.ApiRecords.ReplayRequest;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice replay NAME}: reprocess from a point in the input, with fresh state. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Restarts a pipeline with empty state, its Kafka sources reading from a timestamp or",
            "from the earliest offset. The running job is stopped with a savepoint first; the new",
            "job's output is exactly-once (downstream read_committed readers see each replayed",
            "result once more, never half of one)."
        })
final class ReplayCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The pipeline, as sluice jobs lists it.")
    String name;

    @ArgGroup(multiplicity = "1")
    From from;

    static final class From {
        @Option(
                names = "--from-timestamp",
                paramLabel = "TIME",
                description =
                        "Records written at or after TIME: 2026-11-26T10:00:00Z, or epoch milliseconds.")
        String timestamp;

        @Option(names = "--from-earliest", description = "Everything the topics still hold.")
        boolean earliest;
    }

    @Mixin GatewayMixin gateway;

    @Override
    public Integer call() {
        ReplayRequest body =
                new ReplayRequest(
                        from.earliest ? "earliest" : "timestamp:" + millis(from.timestamp),
                        GatewayMixin.user());
        JobResult result =
                gateway.client()
                        .post("/sluice/pipelines/" + name + "/replay", body, JobResult.class);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "Replaying %s from %s as job %s.%n",
                name, from.earliest ? "the earliest offsets" : from.timestamp, result.jobId());
        out.flush();
        return 0;
    }

    private long millis(String time) {
        if (time.matches("\\d+")) {
            return Long.parseLong(time);
        }
        try {
            return Instant.parse(time).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--from-timestamp must be an instant such as 2026-11-26T10:00:00Z or epoch milliseconds, got '"
                            + time
                            + "'");
        }
    }
}
