package dev.sluice.cli;

import dev.sluice.server.deploy.ApiRecords.JobResult;
import dev.sluice.server.deploy.ApiRecords.ResumeRequest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice resume NAME}. */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description =
                "Starts a stopped pipeline again, from its last savepoint, with the statements it was deployed with.")
final class ResumeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The pipeline, as sluice jobs lists it.")
    String name;

    @Mixin GatewayMixin gateway;

    @Override
    public Integer call() {
        JobResult result =
                gateway.client()
                        .post(
                                "/sluice/pipelines/" + name + "/resume",
                                new ResumeRequest(GatewayMixin.user()),
                                JobResult.class);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Resumed " + name + " as job " + result.jobId() + ".");
        out.flush();
        return 0;
    }
}
