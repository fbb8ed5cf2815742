package dev.sluice.cli;

import picocli.CommandLine.Command;

/** The {@code sluice} command. */
@Command(
        name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Streaming SQL on Apache Flink and Apache Kafka: validated, exactly-once pipelines.",
        subcommands = {
            UpCommand.class,
            ServeCommand.class,
            DemoCommand.class,
            ValidateCommand.class,
            TestCommand.class,
            DeployCommand.class,
            JobsCommand.class,
            StopCommand.class,
            ResumeCommand.class,
            ReplayCommand.class,
            DlqCommand.class,
            ShellCommand.class,
            GenerateCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 success, 1 failure (the message says what to change), 2 bad usage.",
            "Start with: sluice demo"
        })
public final class SluiceCommand implements Runnable {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "name a command, for example: sluice demo");
    }
}
