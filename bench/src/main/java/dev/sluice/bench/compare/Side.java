package dev.sluice.bench.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running side of the comparison: a child JVM ({@link BenchServer}), reached like a user
 * reaches it, through Flink's stock JDBC driver, and watched through Flink's REST API and {@code
 * /proc}.
 */
final class Side implements AutoCloseable {

    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern EXCEPTION =
            Pattern.compile("\"exceptionName\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern RESTORED = Pattern.compile("\"restored\"\\s*:\\s*(\\d+)");
    private static final Pattern END_TIME = Pattern.compile("\"end-time\"\\s*:\\s*(-?\\d+)");
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    final String name;
    private final Process process;
    private final int flinkPort;
    private final Path data;
    private final Connection connection;
    private final HttpClient http = HttpClient.newHttpClient();

    private Side(String name, Process process, Path data, int gatewayPort, int flinkPort)
            throws SQLException {
        this.name = name;
        this.data = data;
        this.process = process;
        this.flinkPort = flinkPort;
        this.connection = DriverManager.getConnection("jdbc:flink://127.0.0.1:" + gatewayPort);
    }

    /** Starts {@link BenchServer} {@code kind} in a JVM of its own and waits until it serves. */
    static Side start(String name, String kind, String bootstrap, Path dir, List<String> alo)
            throws Exception {
        Path data = Files.createDirectories(dir.resolve(name));
        Path ready = data.resolve("ready");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx4g");
        // e.g. a JFR recording: SLUICE_BENCH_SIDE_OPTS=-XX:StartFlightRecording=filename=side.jfr
        String extra = System.getenv().getOrDefault("SLUICE_BENCH_SIDE_OPTS", "");
        for (String option : extra.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option.replace("{side}", kind));
            }
        }
        command.add("-Dsluice.log.dir=" + data.resolve("logs"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchServer.class.getName());
        command.add(kind);
        command.add(bootstrap);
        command.add(data.toString());
        command.add(ready.toString());
        if (!alo.isEmpty()) {
            command.add(String.join(",", alo));
        }
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(data.resolve("out.log").toFile())
                        .start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(ready)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " ended with " + process.exitValue() + "; see " + data);
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not start in 3 minutes; see " + data);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        String[] ports = Files.readString(ready, StandardCharsets.UTF_8).trim().split(" ");
        return new Side(
                name, process, data, Integer.parseInt(ports[0]), Integer.parseInt(ports[1]));
    }

    /** Runs one statement; returns the job id when it started one. */
    Optional<String> execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet result = statement.getResultSet()) {
                    if (result.getMetaData().getColumnName(1).equals("job id") && result.next()) {
                        return Optional.of(result.getString(1));
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException(name + " refused: " + sql + "\n  " + e, e);
        }
    }

    /**
     * When the job ended, in epoch milliseconds, as Flink recorded it. Flink's REST API serves job
     * details from a cache refreshed every {@code web.refresh-interval} (3 s), so the time a poll
     * first sees FINISHED is up to 3 s late; the job's own end time is not.
     */
    long endTime(String job) throws IOException, InterruptedException {
        Matcher end = END_TIME.matcher(get("/jobs/" + job));
        if (!end.find() || end.group(1).startsWith("-")) {
            throw new IllegalStateException(name + " job " + job + " has no end time");
        }
        return Long.parseLong(end.group(1));
    }

    /** Waits until the job is in one of {@code states}; fails when it ends otherwise. */
    String awaitJob(String job, Duration timeout, String... states) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int poll = 0; ; poll++) {
            String state = jobState(job);
            if (poll % 50 == 0) {
                failIfRestarted(job);
            }
            for (String wanted : states) {
                if (wanted.equals(state)) {
                    return state;
                }
            }
            if (state.equals("FAILED") || state.equals("CANCELED")) {
                throw new IllegalStateException(name + " job " + job + " ended " + state);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        name + " job " + job + " still " + state + " after " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /**
     * A job that restarted from a checkpoint measures its recovery, not its speed: the run is not
     * valid. (Flink also records events it expects, such as a TaskManager releasing a finished
     * job's slots, in the exception history; those do not restart the job.)
     */
    void failIfRestarted(String job) throws IOException, InterruptedException {
        Matcher restored = RESTORED.matcher(get("/jobs/" + job + "/checkpoints"));
        if (!restored.find() || restored.group(1).equals("0")) {
            return;
        }
        String exceptions = get("/jobs/" + job + "/exceptions?maxExceptions=1");
        Matcher failure = EXCEPTION.matcher(exceptions);
        if (failure.find()) {
            int trace = exceptions.indexOf("\"stacktrace\"");
            String detail =
                    trace < 0
                            ? ""
                            : exceptions
                                    .substring(trace, Math.min(exceptions.length(), trace + 1500))
                                    .replace("\\n", "\n")
                                    .replace("\\t", "  ");
            throw new IllegalStateException(
                    name
                            + " job "
                            + job
                            + " failed over: "
                            + failure.group(1)
                            + "; see "
                            + data
                            + "\n"
                            + detail);
        }
        throw new IllegalStateException(
                name + " job " + job + " restarted from a checkpoint; see " + data);
    }

    private String get(String path) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + flinkPort + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private String jobState(String job) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:" + flinkPort + "/jobs/" + job))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return "UNKNOWN";
        }
        Matcher state = STATE.matcher(response.body());
        if (!state.find()) {
            throw new IllegalStateException(
                    name + ": no job state in " + response.statusCode() + " " + response.body());
        }
        return state.group(1);
    }

    /** User + system CPU seconds of the side's JVM so far. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Peak resident memory of the side's JVM in MiB ({@code VmHWM}). */
    long peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws SQLException, IOException {
        try {
            connection.close();
        } finally {
            process.getOutputStream().close();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
