package dev.sluice.cli;

import dev.sluice.cli.generate.Topics;
import dev.sluice.cli.generate.TransactionGenerator;
import dev.sluice.cli.generate.TransactionProducer;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.runtime.StackOptions;
import dev.sluice.server.deploy.DeployOptions;
import dev.sluice.server.deploy.Deployer;
import dev.sluice.server.deploy.Deployment;
import dev.sluice.server.deploy.GatewaySession;
import dev.sluice.server.deploy.ProjectFile;
import dev.sluice.server.deploy.StatementFailedException;
import dev.sluice.server.deploy.Step;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice demo}: the stack, the fraud-alert pipeline from {@code sql/}, a transaction
 * generator, and the alerts as a read_committed consumer sees them.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the fraud-alert pipeline end to end and prints its alerts.",
            "",
            "Does what 'sluice up' does, deploys the pipeline from the sql/ folder, generates",
            "transactions and prints each fraud alert once it is committed, until Ctrl-C."
        })
final class DemoCommand implements Callable<Integer> {

    private static final String SOURCE_TABLE = "transactions";
    private static final String ALERT_TABLE = "fraud_alerts";
    private static final Duration STATUS_EVERY = Duration.ofSeconds(15);

    @Mixin StackMixin stack;

    @Spec CommandSpec spec;

    @Option(
            names = "--sql-dir",
            paramLabel = "DIR",
            description = "Pipelines as code. Default: the sql/ folder of this Sluice checkout.")
    Path sqlDir;

    @Option(
            names = "--rate",
            defaultValue = "100",
            paramLabel = "N",
            description = "Transactions per second. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--accounts",
            defaultValue = "1000",
            paramLabel = "M",
            description = "Distinct accounts. Default: ${DEFAULT-VALUE}.")
    int accounts;

    @Option(
            names = "--speedup",
            defaultValue = "60",
            paramLabel = "X",
            description =
                    "Event-time seconds per wall-clock second, so that 10-minute windows close every few seconds. Default: ${DEFAULT-VALUE}.")
    double speedup;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Seed of the generator. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--fraud-rate",
            defaultValue = "0.002",
            paramLabel = "P",
            description =
                    "Chance that a transaction starts a fraud burst. Default: ${DEFAULT-VALUE}.")
    double fraudRate;

    private final AtomicBoolean stopping = new AtomicBoolean();
    private Thread generator;

    @Override
    public Integer call() {
        StackOptions options = stack.toStackOptions();
        Path project = sqlDir != null ? sqlDir : SluiceHome.sqlDir();
        if (!Files.isDirectory(project)) {
            throw new IllegalArgumentException(
                    "SQL directory %s does not exist (pass --sql-dir)".formatted(project));
        }
        List<ProjectFile> files = ProjectFile.read(project);
        List<ProjectFile> objects =
                files.stream().filter(f -> !f.path().startsWith("pipelines/")).toList();
        Path logFile = StackRunner.configureLogging(options.dataDir());
        PrintWriter out = spec.commandLine().getOut();
        SluiceStack running = StackRunner.start(options, out, this::stopGenerator);
        StackRunner.printBlock(running, logFile, out);

        try (GatewaySession session = new GatewaySession(running.gatewayService())) {
            out.println();
            out.println("Deploying " + project + " (as sluice deploy would) ...");
            String root = project.getFileName().toString();
            // Tables first, so that their topics exist before a pipeline reads them.
            deploy(running.deployer(), root, objects, out);
            String sourceTopic = topic(session.tableOptions(SOURCE_TABLE));
            String alertTopic = topic(session.tableOptions(ALERT_TABLE));
            Topics.ensure(running.kafkaBootstrap(), sourceTopic, 4);
            Topics.ensure(running.kafkaBootstrap(), alertTopic, 4);
            deploy(running.deployer(), root, files, out);

            AtomicLong sent = new AtomicLong();
            startGenerator(running.kafkaBootstrap(), sourceTopic, sent);
            out.printf(
                    "%nGenerating %,.0f transactions/s for %,d accounts into '%s' (event time runs %,.0fx faster than the clock).%n"
                            + "Fraud alerts from '%s', as a read_committed consumer sees them:%n",
                    rate, accounts, sourceTopic, speedup, alertTopic);
            out.flush();
            tailAlerts(running.kafkaBootstrap(), alertTopic, sent, out);
        } catch (RuntimeException e) {
            if (!stopping.get()) {
                throw e;
            }
        }
        return 0;
    }

    /** Applies the files through the deployer and prints each step as it finishes. */
    private static void deploy(
            Deployer deployer, String root, List<ProjectFile> files, PrintWriter out) {
        Deployment deployment =
                deployer.apply(
                        root,
                        files,
                        new DeployOptions(false, false, System.getProperty("user.name", "demo")));
        if (!deployment.errors().isEmpty()) {
            throw new StatementFailedException(
                    String.join(System.lineSeparator(), deployment.errors()));
        }
        Set<Integer> printed = new HashSet<>();
        long changes = deployment.steps().stream().filter(Step::changes).count();
        while (true) {
            for (Step step : deployment.steps()) {
                boolean finished = step.status().finished();
                if (step.changes() && finished && printed.add(step.index())) {
                    out.printf(
                            "  [%d/%d] %s %s: %s%s%n",
                            printed.size(),
                            changes,
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
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StatementFailedException("interrupted while deploying");
            }
            deployment = deployer.deployment(deployment.id()).orElseThrow();
        }
        if (deployment.failed()) {
            throw new StatementFailedException("deploy failed: " + deployment.summary());
        }
    }

    private synchronized void startGenerator(String bootstrap, String topic, AtomicLong sent) {
        if (stopping.get()) {
            return;
        }
        // A second demo on the same data dir continues the stream's event time: records behind the
        // restored pipelines' watermarks would be dropped as late.
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime start =
                Topics.latestEventTime(bootstrap, topic)
                        .map(last -> last.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS))
                        .filter(next -> next.isAfter(now))
                        .orElse(now);
        TransactionGenerator transactions =
                GenerateTransactionsCommand.generator(
                        seed, accounts, fraudRate, rate, speedup, start);
        generator =
                new Thread(
                        () -> {
                            try (TransactionProducer producer =
                                    new TransactionProducer(bootstrap, topic)) {
                                producer.run(
                                        transactions,
                                        rate,
                                        Long.MAX_VALUE,
                                        Duration.ofSeconds(1),
                                        sent::set,
                                        stopping::get);
                            }
                        },
                        "sluice-demo-generator");
        generator.setDaemon(true);
        generator.start();
    }

    /** Runs in the shutdown hook: the generator finishes its last sends before Kafka stops. */
    private synchronized void stopGenerator() {
        stopping.set(true);
        if (generator == null) {
            return;
        }
        try {
            generator.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tailAlerts(String bootstrap, String topic, AtomicLong sent, PrintWriter out) {
        long alerts = 0;
        long nextStatus = System.nanoTime() + STATUS_EVERY.toNanos();
        try (AlertTail tail = new AlertTail(bootstrap, topic, out)) {
            while (!stopping.get()) {
                alerts += tail.pollAndPrint(Duration.ofMillis(500));
                if (System.nanoTime() >= nextStatus) {
                    out.printf(
                            "  ... %,d transactions sent, %,d alerts so far%n", sent.get(), alerts);
                    out.flush();
                    nextStatus += STATUS_EVERY.toNanos();
                }
            }
        }
    }

    private static String topic(Map<String, String> options) {
        String topic = options.get("topic");
        if (topic == null || topic.contains(";")) {
            throw new IllegalArgumentException(
                    "the demo needs tables '%s' and '%s' with a single 'topic' option each; set one in their CREATE TABLE under sql/tables/"
                            .formatted(SOURCE_TABLE, ALERT_TABLE));
        }
        return topic;
    }
}
