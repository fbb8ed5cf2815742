package dev.sluice.tests.cli;

import static org.awaitility.Awaitility.await;

import dev.sluice.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code sluice} running as its own JVM, the way a user starts it. */
public final class SluiceProcess implements AutoCloseable {

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private SluiceProcess(Process process) {
        this.process = process;
        this.reader =
                new Thread(
                        () -> {
                            try (BufferedReader lines =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                lines.lines().forEach(output::add);
                            } catch (IOException e) {
                                output.add("(output lost: " + e + ")");
                            }
                        },
                        "sluice-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static SluiceProcess start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dsluice.home=" + System.getProperty("sluice.home", ".."));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return new SluiceProcess(
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .start());
    }

    /** Waits for the "Sluice is up." block and returns the value of one of its lines. */
    public String awaitReady(String field) {
        await().atMost(Duration.ofMinutes(2))
                .until(() -> field(field).isPresent() || !process.isAlive());
        return field(field)
                .orElseThrow(() -> new AssertionError("sluice did not start:\n" + output()));
    }

    Optional<String> field(String field) {
        synchronized (output) {
            return output.stream()
                    .filter(line -> line.startsWith("  " + field + " "))
                    .map(line -> line.substring(field.length() + 2).strip().split("\\s+")[0])
                    .findFirst();
        }
    }

    /** Sends SIGTERM, as Ctrl-C or a service manager would, and waits for the exit code. */
    public int terminate() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output.
        process.toHandle().destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("sluice did not stop within 2 minutes:\n" + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            throw new AssertionError("sluice did not die from SIGKILL");
        }
    }

    /** Waits until a line of output contains {@code text}. */
    void awaitLine(String text, Duration timeout) {
        await().atMost(timeout).until(() -> output().contains(text) || !process.isAlive());
        if (!output().contains(text)) {
            throw new AssertionError("sluice ended before printing '" + text + "':\n" + output());
        }
    }

    long pid() {
        return process.pid();
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
