package dev.sluice.cli;

import dev.sluice.server.deploy.ApiRecords.StopRequest;
import dev.sluice.server.deploy.ApiRecords.StopResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice stop NAME}. */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description = {
            "Stops a deployed pipeline; sluice deploy leaves it stopped until sluice resume.",
            "With --savepoint (the default) its state is kept and resume continues from it."
        })
final class StopCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The pipeline, as sluice jobs lists it.")
    String name;

    @Option(
            names = "--savepoint",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Take a savepoint first (default). --no-savepoint cancels the job.")
    boolean savepoint;

    @Mixin GatewayMixin gateway;

    @Override
    public Integer call() {
        StopResult result =
                gateway.client()
                        .post(
                                "/sluice/pipelines/" + name + "/stop",
                                new StopRequest(savepoint, GatewayMixin.user()),
                                StopResult.class);
        PrintWriter out = spec.commandLine().getOut();
        String taken = result.savepoint();
        out.println(
                taken.isEmpty()
                        ? "Stopped " + name + " (cancelled, no savepoint)."
                        : "Stopped "
                                + name
                                + " with savepoint "
                                + taken
                                + ". sluice resume "
                                + name
                                + " continues from it.");
        out.flush();
        return 0;
    }
}
