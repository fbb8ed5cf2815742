package dev.sluice.gateway.cli;

import picocli.CommandLine;

/** Entry point of the {@code sluice} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        KafkaJvmGuards.install();
        CommandLine cli = new CommandLine(new SluiceCommand());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        return cli.execute(args);
    }
}
