package dev.sluice.cli;

import dev.sluice.runtime.SluiceStack;
import dev.sluice.runtime.StackOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice up}: Kafka, Flink and the SQL gateway in one process. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Runs Kafka, Flink and the SQL gateway in one process.",
            "",
            "A single-node Kafka broker (KRaft), a Flink mini cluster and the SQL gateway, all on",
            "127.0.0.1. Connect with Flink's JDBC driver or SQL client; stop with Ctrl-C."
        })
final class UpCommand implements Callable<Integer> {

    @Mixin StackMixin stack;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        StackOptions options = stack.toStackOptions();
        Path logFile = StackRunner.configureLogging(options.dataDir());
        SluiceStack running = StackRunner.start(options, spec.commandLine().getOut(), () -> {});
        StackRunner.printBlock(running, logFile, spec.commandLine().getOut());
        StackRunner.awaitShutdown();
        return 0;
    }
}
