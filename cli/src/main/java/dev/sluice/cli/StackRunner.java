package dev.sluice.cli;

import dev.sluice.runtime.SluiceStack;
import dev.sluice.runtime.StackOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Starts the stack, prints where everything is, and stops it cleanly on Ctrl-C or SIGTERM. */
final class StackRunner {

    private StackRunner() {}

    /** Points the log file into the data dir; must run before Flink or Kafka log anything. */
    static Path configureLogging(Path dataDir) {
        Path logs = dataDir.toAbsolutePath().normalize().resolve("logs");
        System.setProperty("sluice.log.dir", logs.toString());
        return logs.resolve("sluice.log");
    }

    /**
     * Starts the stack and registers a shutdown hook that first runs {@code beforeStop}, then
     * closes the stack.
     */
    static SluiceStack start(StackOptions options, PrintWriter out, Runnable beforeStop) {
        SluiceStack stack = SluiceStack.start(options);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    out.println("Stopping Sluice ...");
                                    out.flush();
                                    beforeStop.run();
                                    stack.close();
                                    out.println(
                                            "Sluice stopped. Data kept in "
                                                    + stack.dataDir()
                                                    + ".");
                                    out.flush();
                                },
                                "sluice-shutdown"));
        return stack;
    }

    static void printBlock(SluiceStack stack, Path logFile, PrintWriter out) {
        String endpoint = stack.gatewayHost() + ":" + stack.gatewayPort();
        String kafka =
                stack.kafkaEmbedded()
                        ? stack.kafkaBootstrap()
                                + "  (embedded, data in "
                                + stack.dataDir().resolve("kafka")
                                + ")"
                        : stack.kafkaBootstrap() + "  (external)";
        out.println("Sluice is up.");
        out.println("  JDBC URL          " + stack.jdbcUrl());
        out.println(
                "  Sluice JDBC       "
                        + stack.jdbcUrl().replace("jdbc:flink://", "jdbc:sluice://")
                        + "  (jdbc/target/sluice-jdbc-*.jar: metadata for database tools)");
        out.println("  SQL client        sql-client.sh gateway --endpoint " + endpoint);
        out.println("  Kafka bootstrap   " + kafka);
        out.println("  Flink web UI      " + stack.flinkWebUi());
        out.println("  Catalog           " + stack.catalogDescription());
        out.println("  Data dir          " + stack.dataDir());
        out.println("  Log file          " + logFile);
        out.println("Stop with Ctrl-C (or SIGTERM); topics, data and checkpoints are kept.");
        out.flush();
    }

    /** Blocks until the JVM shuts down. */
    static void awaitShutdown() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
