package dev.sluice.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.gateway.deploy.ProjectFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice deploy}: pipelines as code, planned and applied like Terraform. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Plans and applies a directory of SQL files on a running gateway.",
            "",
            "tables/, functions/, views/: each statement creates one catalog object; deploy",
            "creates what is new and alters what changed. pipelines/: each file is one pipeline",
            "(SET statements and one INSERT), named after the file; deploy starts new ones, leaves",
            "unchanged ones running and upgrades changed ones: stop with a savepoint, start the",
            "new version from it. A new version that cannot restore the savepoint is rolled back:",
            "the previous version runs again from the same savepoint.",
            "Everything is validated first; one bad file and nothing changes.",
            "Exit codes: 0 applied (or nothing to do), 1 errors or a failed step, 2 bad usage."
        })
final class DeployCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The directory, for example sql/.")
    Path dir;

    @Option(names = "--plan", description = "Show what would change; change nothing.")
    boolean planOnly;

    @Option(
            names = "--prune",
            description =
                    "Stop (with a savepoint) pipelines and drop objects whose files are gone.")
    boolean prune;

    @Option(
            names = "--allow-state-reset",
            description =
                    "Start a changed pipeline with empty state when it cannot restore its savepoint"
                            + " (instead of rolling back to the previous version).")
    boolean allowStateReset;

    @Mixin GatewayMixin gateway;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode request = GatewayClient.JSON.createObjectNode();
        request.put("root", dir.normalize().toString());
        request.put("apply", !planOnly);
        request.put("prune", prune);
        request.put("allowStateReset", allowStateReset);
        request.put("user", GatewayMixin.user());
        ArrayNode files = request.putArray("files");
        files(dir).forEach(f -> files.addObject().put("path", f.path()).put("text", f.text()));

        GatewayClient client = gateway.client();
        JsonNode deployment = client.post("/sluice/deploy", request);
        if (!deployment.path("errors").isEmpty()) {
            deployment.path("errors").forEach(e -> err.println(e.asText()));
            err.printf(
                    "Nothing changed: %d error(s). Fix them and deploy again.%n",
                    deployment.path("errors").size());
            err.flush();
            return 1;
        }
        printPlan(out, deployment.path("steps"));
        long changes = changes(deployment.path("steps"));
        if (changes == 0) {
            out.println("No changes: the catalog and the running pipelines match " + dir + ".");
            out.flush();
            return 0;
        }
        if (planOnly) {
            out.printf(
                    "Plan: %s. Run without --plan to apply it.%n",
                    counts(deployment.path("steps")));
            out.flush();
            return 0;
        }
        out.println();
        out.flush();
        return follow(client, deployment, out);
    }

    /** Prints each step once as it finishes, until the deployment is done. */
    private int follow(GatewayClient client, JsonNode deployment, PrintWriter out)
            throws InterruptedException {
        String id = deployment.path("id").asText();
        Set<Integer> printed = new HashSet<>();
        int total = (int) changes(deployment.path("steps"));
        int shown = 0;
        while (true) {
            for (JsonNode step : deployment.path("steps")) {
                String status = step.path("status").asText();
                int index = step.path("index").asInt();
                boolean finished =
                        status.equals("done")
                                || status.equals("failed")
                                || status.equals("skipped");
                if (finished && printed.add(index)) {
                    shown++;
                    String message = step.path("message").asText();
                    out.printf(
                            "[%d/%d] %s %s: %s%s%n",
                            shown,
                            total,
                            step.path("action").asText(),
                            step.path("target").asText(),
                            status,
                            message.isEmpty() ? "" : " (" + message + ")");
                    out.flush();
                }
            }
            if (deployment.path("done").asBoolean()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(200);
            deployment = client.get("/sluice/deploy/" + id);
        }
        boolean failed = false;
        for (JsonNode step : deployment.path("steps")) {
            failed |= step.path("status").asText().equals("failed");
        }
        out.println(
                (failed ? "Deploy failed: " : "Deployed: ")
                        + deployment.path("summary").asText()
                        + ".");
        out.flush();
        return failed ? 1 : 0;
    }

    private static void printPlan(PrintWriter out, JsonNode steps) {
        int action = "ACTION".length();
        int target = "TARGET".length();
        int file = "FILE".length();
        for (JsonNode step : steps) {
            action = Math.max(action, step.path("action").asText().length());
            target = Math.max(target, step.path("target").asText().length());
            file = Math.max(file, step.path("file").asText().length());
        }
        String format = "%-3s %-" + action + "s  %-" + target + "s  %-" + file + "s  %s%n";
        out.printf(format, "#", "ACTION", "TARGET", "FILE", "DETAIL");
        for (JsonNode step : steps) {
            out.printf(
                    format,
                    step.path("index").asText(),
                    step.path("action").asText(),
                    step.path("target").asText(),
                    step.path("file").asText(),
                    step.path("detail").asText());
        }
        out.flush();
    }

    private static long changes(JsonNode steps) {
        long changes = 0;
        for (JsonNode step : steps) {
            String action = step.path("action").asText();
            if (!action.equals("unchanged") && !action.equals("keep")) {
                changes++;
            }
        }
        return changes;
    }

    private static String counts(JsonNode steps) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode step : steps) {
            counts.merge(step.path("action").asText(), 1, Integer::sum);
        }
        List<String> parts =
                counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList();
        return String.join(", ", parts);
    }

    /** Every .sql file under the directory, by path relative to it. */
    private List<ProjectFile> files(Path root) {
        if (!Files.isDirectory(root)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no such directory: "
                            + root
                            + " (pass the folder that holds tables/ and pipelines/)");
        }
        List<ProjectFile> files = ProjectFile.read(root);
        if (files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no .sql files under " + root);
        }
        return files;
    }
}
