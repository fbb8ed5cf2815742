package dev.sluice.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        ObjectNode body = GatewayClient.JSON.createObjectNode();
        body.put("user", GatewayMixin.user());
        JsonNode result = gateway.client().post("/sluice/pipelines/" + name + "/resume", body);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Resumed " + name + " as job " + result.path("jobId").asText() + ".");
        out.flush();
        return 0;
    }
}
