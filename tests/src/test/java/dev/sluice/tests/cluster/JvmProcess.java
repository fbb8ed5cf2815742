package dev.sluice.tests.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM of the test cluster: started from a classpath, killed with SIGKILL when asked. */
final class JvmProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    JvmProcess(
            String name,
            List<String> classpath,
            List<String> jvmArgs,
            String mainClass,
            List<String> args,
            Map<String, String> environment,
            Path log) {
        this.name = name;
        this.environment = environment;
        this.log = log;
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(args);
        this.command = List.copyOf(command);
    }

    void start() throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye; waits until the process is gone. */
    Duration kill() throws InterruptedException {
        long start = System.nanoTime();
        process.toHandle().destroyForcibly();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException(name + " survived SIGKILL for a minute");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.toHandle().destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.toHandle().destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.toHandle().destroyForcibly();
        }
    }
}
