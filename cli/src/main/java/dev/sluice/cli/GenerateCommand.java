package dev.sluice.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice generate}: test data. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generates test data into Kafka.",
        subcommands = GenerateTransactionsCommand.class)
final class GenerateCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "name what to generate, for example: sluice generate transactions");
    }
}
