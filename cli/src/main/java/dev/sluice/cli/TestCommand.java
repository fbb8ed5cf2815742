package dev.sluice.cli;

import dev.sluice.cli.testing.PipelineTests;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice test}: pipelines as code get tests, run offline in seconds. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a project's pipeline tests offline: each pipeline file exactly as sluice deploy",
            "runs it (the project's tables, views and functions, the statement guard, the",
            "exactly-once rewrite) against fixture input, and compares what reaches its sinks.",
            "",
            "A test is a folder tests/<pipeline>/<test>/ with input/<table>.jsonl per source table",
            "and expected/<table>.jsonl per sink table (see the README's \"Testing pipelines\").",
            "No Kafka, no cluster: a local Flink at parallelism 1, watermarks pinned, input bounded.",
            "Exit codes: 0 all passed, 1 a test failed, 2 bad usage or a test that cannot run."
        })
final class TestCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(
            arity = "0..*",
            paramLabel = "DIR",
            description = "A project (default: sql), its tests/ or a folder under it.")
    List<Path> paths = List.of(Path.of("sql"));

    @Option(
            names = "--update",
            description = "Rewrite the expected files from the actual output (review the diff).")
    boolean update;

    @Option(
            names = "--filter",
            paramLabel = "NAME",
            description = "Only tests whose name (pipeline/test) contains NAME.")
    String filter;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "text|junit|json",
            converter = FormatConverter.class,
            description = "Report format. Default: ${DEFAULT-VALUE}.")
    PipelineTests.Format format;

    @Mixin GuardMixin guard;

    @Override
    public Integer call() {
        System.setProperty(
                "sluice.log.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "sluice-test-logs").toString());
        try {
            return PipelineTests.run(
                    paths,
                    filter,
                    update,
                    format,
                    guard.policy(),
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        } catch (PipelineTests.UsageException e) {
            spec.commandLine().getErr().println("sluice test: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
    }

    /** Accepts text, junit and json in any case. */
    static final class FormatConverter
            implements picocli.CommandLine.ITypeConverter<PipelineTests.Format> {
        @Override
        public PipelineTests.Format convert(String value) {
            try {
                return PipelineTests.Format.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a format; use text, junit or json");
            }
        }
    }
}
