package dev.sluice.cli;

import dev.sluice.cli.generate.Topics;
import dev.sluice.cli.generate.TransactionGenerator;
import dev.sluice.cli.generate.TransactionProducer;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice generate transactions}. */
@Command(
        name = "transactions",
        mixinStandardHelpOptions = true,
        description = {
            "Sends card transactions with fraud bursts to Kafka.",
            "",
            "A seeded, realistic stream, as JSON keyed by account:",
            "{\"account_id\", \"merchant\", \"amount\", \"country\", \"event_time\"}."
        })
final class GenerateTransactionsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--rate",
            required = true,
            paramLabel = "N",
            description = "Transactions per second.")
    double rate;

    @Option(
            names = "--accounts",
            defaultValue = "1000",
            paramLabel = "M",
            description = "Distinct accounts. Default: ${DEFAULT-VALUE}.")
    int accounts;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description =
                    "Random seed; the same seed gives the same stream. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--bootstrap",
            defaultValue = "127.0.0.1:9092",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}.")
    String bootstrap;

    @Option(
            names = "--topic",
            defaultValue = "transactions",
            description =
                    "Topic to write to (created with 4 partitions if missing). Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(
            names = "--count",
            paramLabel = "N",
            description = "Stop after N transactions. Default: run until Ctrl-C.")
    Long count;

    @Option(
            names = "--speedup",
            defaultValue = "1",
            paramLabel = "X",
            description =
                    "Event-time seconds per wall-clock second; 60 makes a 10-minute window pass in 10 seconds. Default: ${DEFAULT-VALUE}.")
    double speedup;

    @Option(
            names = "--fraud-rate",
            defaultValue = "0.003",
            paramLabel = "P",
            description =
                    "Chance that a transaction starts a fraud burst. Default: ${DEFAULT-VALUE}.")
    double fraudRate;

    @Override
    public Integer call() {
        check(rate > 0, "--rate must be above 0");
        check(accounts >= 1, "--accounts must be at least 1");
        check(speedup > 0, "--speedup must be above 0");
        check(fraudRate >= 0 && fraudRate <= 1, "--fraud-rate must be between 0 and 1");
        check(count == null || count > 0, "--count must be above 0");
        PrintWriter out = spec.commandLine().getOut();
        Topics.ensure(bootstrap, topic, 4);
        TransactionGenerator generator = generator(seed, accounts, fraudRate, rate, speedup);
        out.printf(
                "Sending %,.0f transactions/s to topic '%s' on %s (Ctrl-C to stop) ...%n",
                rate, topic, bootstrap);
        out.flush();
        try (TransactionProducer producer = new TransactionProducer(bootstrap, topic)) {
            long sent =
                    producer.run(
                            generator,
                            rate,
                            count == null ? Long.MAX_VALUE : count,
                            Duration.ofSeconds(5),
                            total -> {
                                out.printf("  %,d transactions sent%n", total);
                                out.flush();
                            },
                            () -> false);
            out.printf("Sent %,d transactions.%n", sent);
        }
        return 0;
    }

    static TransactionGenerator generator(
            long seed, int accounts, double fraudRate, double rate, double speedup) {
        return generator(
                seed,
                accounts,
                fraudRate,
                rate,
                speedup,
                LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    }

    static TransactionGenerator generator(
            long seed,
            int accounts,
            double fraudRate,
            double rate,
            double speedup,
            LocalDateTime start) {
        Duration step = Duration.ofNanos((long) (1e9 * speedup / rate));
        return new TransactionGenerator(seed, accounts, fraudRate, start, step);
    }

    private void check(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
