package dev.sluice.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sluice.server.deploy.ApiRecords.DeployRequest;
import dev.sluice.server.deploy.Deployment;
import dev.sluice.server.deploy.ProjectFile;
import dev.sluice.server.deploy.Step;
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
        DeployRequest request =
                new DeployRequest(
                        dir.normalize().toString(),
                        files(dir),
                        !planOnly,
                        prune,
                        allowStateReset,
                        GatewayMixin.user());

        GatewayClient client = gateway.client();
        Deployment deployment = client.post("/sluice/deploy", request, Deployment.class);
        if (!deployment.errors().isEmpty()) {
            deployment.errors().forEach(err::println);
            err.printf(
                    "Nothing changed: %d error(s). Fix them and deploy again.%n",
                    deployment.errors().size());
            err.flush();
            return 1;
        }
        printPlan(out, deployment.steps());
        long changes = deployment.steps().stream().filter(Step::changes).count();
        if (changes == 0) {
            out.println("No changes: the catalog and the running pipelines match " + dir + ".");
            out.flush();
            return 0;
        }
        if (planOnly) {
            out.printf("Plan: %s. Run without --plan to apply it.%n", counts(deployment.steps()));
            out.flush();
            return 0;
        }
        out.println();
        out.flush();
        return follow(client, deployment, changes, out);
    }

    /** Prints each step once as it finishes, until the deployment is done. */
    private int follow(GatewayClient client, Deployment deployment, long total, PrintWriter out)
            throws InterruptedException {
        Set<Integer> printed = new HashSet<>();
        while (true) {
            for (Step step : deployment.steps()) {
                if (step.status().finished() && printed.add(step.index())) {
                    out.printf(
                            "[%d/%d] %s %s: %s%s%n",
                            printed.size(),
                            total,
                            step.action().label(),
                            step.target(),
                            step.status().label(),
                            step.message().isEmpty() ? "" : " (" + step.message() + ")");
                    out.flush();
                }
            }
            if (deployment.done()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(200);
            deployment =
                    client.get(
                            "/sluice/deploy/" + deployment.id(),
                            new TypeReference<Deployment>() {});
        }
        boolean failed = deployment.failed();
        out.println((failed ? "Deploy failed: " : "Deployed: ") + deployment.summary() + ".");
        out.flush();
        return failed ? 1 : 0;
    }

    private static void printPlan(PrintWriter out, List<Step> steps) {
        int action = "ACTION".length();
        int target = "TARGET".length();
        int file = "FILE".length();
        for (Step step : steps) {
            action = Math.max(action, step.action().label().length());
            target = Math.max(target, step.target().length());
            file = Math.max(file, step.file().length());
        }
        String format = "%-3s %-" + action + "s  %-" + target + "s  %-" + file + "s  %s%n";
        out.printf(format, "#", "ACTION", "TARGET", "FILE", "DETAIL");
        for (Step step : steps) {
            out.printf(
                    format,
                    step.index(),
                    step.action().label(),
                    step.target(),
                    step.file(),
                    step.detail());
        }
        out.flush();
    }

    private static String counts(List<Step> steps) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Step step : steps) {
            counts.merge(step.action().label(), 1, Integer::sum);
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
