package dev.sluice.cli;

import dev.sluice.server.KafkaJvmGuards;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of the {@code sluice} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs one command; returns its exit code: 0 success, 1 failure, 2 bad usage. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        KafkaJvmGuards.install();
        CommandLine cli = new CommandLine(new SluiceCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        return cli.execute(args);
    }
}
