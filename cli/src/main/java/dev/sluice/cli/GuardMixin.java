package dev.sluice.cli;

import dev.sluice.policy.guard.GuardPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The operator's statement-guard switches, shared by every command that checks statements. */
final class GuardMixin {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--allow-files",
            paramLabel = "DIR",
            description =
                    "A directory that statements may read and write files under (filesystem tables, plan files). Repeatable. Default: none.")
    List<Path> allowedFiles = new ArrayList<>();

    @Option(
            names = "--allow-connector",
            paramLabel = "NAME",
            description =
                    "Also allow this table connector (allowed by default: blackhole, datagen, kafka, upsert-kafka; print is not, its rows go to the console and log). Repeatable.")
    List<String> extraConnectors = new ArrayList<>();

    @Option(
            names = "--max-parallelism",
            paramLabel = "N",
            description =
                    "The most parallel tasks a session may give one job (SET 'parallelism.default', 'sink.parallelism', ...), so that one job cannot take every slot. Default: ${DEFAULT-VALUE}.")
    int maxParallelism = GuardPolicy.DEFAULT_MAX_PARALLELISM;

    @Option(
            names = "--max-statement-length",
            paramLabel = "CHARS",
            description =
                    "The longest statement the gateway reads; longer ones are refused before parsing. Default: ${DEFAULT-VALUE}.")
    int maxStatementLength = GuardPolicy.DEFAULT_MAX_STATEMENT_LENGTH;

    GuardPolicy policy() {
        Set<String> connectors = new HashSet<>(GuardPolicy.DEFAULT_CONNECTORS);
        extraConnectors.forEach(c -> connectors.add(c.toLowerCase(Locale.ROOT)));
        if (maxParallelism < 1 || maxStatementLength < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--max-parallelism and --max-statement-length must be positive");
        }
        return new GuardPolicy(
                connectors,
                allowedFiles,
                maxParallelism,
                maxStatementLength,
                GuardPolicy.DEFAULT_LOGIN_MODULES);
    }
}
