package dev.sluice.gateway.cli;

import dev.sluice.gateway.guard.GuardPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/** The operator's statement-guard switches, shared by every command that checks statements. */
final class GuardMixin {

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

    GuardPolicy policy() {
        Set<String> connectors = new HashSet<>(GuardPolicy.DEFAULT_CONNECTORS);
        extraConnectors.forEach(c -> connectors.add(c.toLowerCase(Locale.ROOT)));
        return new GuardPolicy(connectors, allowedFiles);
    }
}
