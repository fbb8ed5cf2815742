package dev.sluice.server.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobStatus;

/**
 * The Flink cluster's jobs, through its REST API: the same calls work against the embedded
 * MiniCluster and a session cluster.
 */
public final class FlinkJobs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI rest;
    private final Optional<String> token;
    private final HttpClient http;

    public FlinkJobs(URI rest) {
        this(rest, Optional.empty());
    }

    /**
     * @param token the bearer token the cluster's REST API asks of requests that change anything
     *     (the embedded cluster's; a session cluster's REST API is the operator's to protect)
     */
    public FlinkJobs(URI rest, Optional<String> token) {
        this.rest = requireNonNull(rest, "rest is null");
        this.token = requireNonNull(token, "token is null");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A job as the cluster reports it. */
    public record Job(
            String id,
            String name,
            JobStatus state,
            long startTime,
            long durationMs,
            List<Vertex> vertices) {}

    /** One operator chain of a job, with its record counters. */
    public record Vertex(String id, String name, long recordsIn, long recordsOut) {}

    /** The newest completed checkpoint of a job. */
    public record Checkpoint(long id, long completedAt, Optional<String> path) {}

    /** Every job the cluster knows, newest first. */
    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            jobs.add(
                    new Job(
                            job.path("jid").asText(),
                            job.path("name").asText(),
                            status(job.path("state").asText()),
                            job.path("start-time").asLong(),
                            job.path("duration").asLong(),
                            List.of()));
        }
        return jobs;
    }

    /** The job's details, or empty when the cluster does not know it. */
    public Optional<Job> job(String id) {
        Optional<JsonNode> job = getIfPresent("/jobs/" + id);
        return job.map(
                j -> {
                    List<Vertex> vertices = new ArrayList<>();
                    for (JsonNode v : j.path("vertices")) {
                        vertices.add(
                                new Vertex(
                                        v.path("id").asText(),
                                        v.path("name").asText(),
                                        v.path("metrics").path("read-records").asLong(),
                                        v.path("metrics").path("write-records").asLong()));
                    }
                    return new Job(
                            j.path("jid").asText(),
                            j.path("name").asText(),
                            status(j.path("state").asText()),
                            j.path("start-time").asLong(),
                            j.path("duration").asLong(),
                            vertices);
                });
    }

    /** The job's state, or empty when the cluster does not know it (or no id is given). */
    public Optional<JobStatus> state(String id) {
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return getIfPresent("/jobs/" + id + "/status").map(s -> status(s.path("status").asText()));
    }

    private static JobStatus status(String name) {
        try {
            return JobStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new JobControlException("the cluster reports an unknown job state: " + name);
        }
    }

    public Optional<Checkpoint> lastCheckpoint(String id) {
        JsonNode completed =
                getIfPresent("/jobs/" + id + "/checkpoints")
                        .map(c -> c.path("latest").path("completed"))
                        .orElse(null);
        if (completed == null || completed.isMissingNode() || completed.isNull()) {
            return Optional.empty();
        }
        String path = completed.path("external_path").asText(null);
        return Optional.of(
                new Checkpoint(
                        completed.path("id").asLong(),
                        completed.path("latest_ack_timestamp").asLong(),
                        Optional.ofNullable(path)));
    }

    /** How many checkpoints of the job completed. */
    public long completedCheckpoints(String id) {
        return getIfPresent("/jobs/" + id + "/checkpoints")
                .map(c -> c.path("counts").path("completed").asLong())
                .orElse(0L);
    }

    /**
     * The worst backpressure level over the job's operators: {@code ok}, {@code low} or {@code
     * high}.
     */
    public String backpressure(Job job) {
        String worst = "ok";
        for (Vertex vertex : job.vertices()) {
            String level =
                    getIfPresent("/jobs/" + job.id() + "/vertices/" + vertex.id() + "/backpressure")
                            .map(b -> b.path("backpressureLevel").asText("ok"))
                            .orElse("ok");
            if (rank(level) > rank(worst)) {
                worst = level;
            }
        }
        return worst;
    }

    /**
     * Records the job's Kafka sources have yet to read, summed over all splits; empty if unknown.
     */
    public OptionalLong pendingRecords(Job job) {
        return metricSum(job, "pendingRecords");
    }

    /** Records Sluice's connector wrote to dead-letter topics (or skipped), over all sources. */
    public OptionalLong badRecords(Job job) {
        OptionalLong deadLettered = metricSum(job, "deadLetteredRecords");
        OptionalLong skipped = metricSum(job, "skippedBadRecords");
        if (deadLettered.isEmpty() && skipped.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(deadLettered.orElse(0) + skipped.orElse(0));
    }

    /**
     * Whether the job aggregates windows in two phases: a local pre-aggregation per key and slice
     * before the window operator, which then drops late pre-aggregates, not records.
     */
    public static boolean preAggregatesWindows(Job job) {
        return job.vertices().stream().anyMatch(v -> v.name().contains("LocalWindowAggregate"));
    }

    /** Records the job's window operators dropped because they came behind the watermark. */
    public OptionalLong lateRecordsDropped(Job job) {
        return metricSum(job, "numLateRecordsDropped");
    }

    /**
     * The job's event time: the most advanced input watermark over its operators after the sources
     * (each operator's is the minimum over its subtasks), in epoch milliseconds; empty before any
     * watermark arrived. A record at or before it is late for a window operator there.
     */
    public OptionalLong watermark(Job job) {
        OptionalLong newest = OptionalLong.empty();
        List<Vertex> vertices = job.vertices();
        for (Vertex vertex : vertices.subList(Math.min(1, vertices.size()), vertices.size())) {
            long slowest = Long.MAX_VALUE;
            for (JsonNode mark :
                    getIfPresent("/jobs/" + job.id() + "/vertices/" + vertex.id() + "/watermarks")
                            .orElse(JSON.createArrayNode())) {
                if (mark.path("id").asText().endsWith("currentInputWatermark")) {
                    slowest = Math.min(slowest, mark.path("value").asLong(Long.MIN_VALUE));
                }
            }
            boolean known = slowest != Long.MAX_VALUE && slowest != Long.MIN_VALUE;
            if (known && (newest.isEmpty() || slowest > newest.getAsLong())) {
                newest = OptionalLong.of(slowest);
            }
        }
        return newest;
    }

    /**
     * Whether the job reads the table: Flink's Kafka connector names its source {@code
     * KafkaSource-catalog.database.table}, and so does the vertex that runs it.
     */
    public static boolean reads(Job job, List<String> table) {
        Pattern source =
                Pattern.compile(
                        Pattern.quote("KafkaSource-" + String.join(".", table)) + "(?![\\w$])");
        return job.vertices().stream().anyMatch(v -> source.matcher(v.name()).find());
    }

    /** The sum over every subtask of every vertex of the metrics whose name ends so. */
    private OptionalLong metricSum(Job job, String suffix) {
        long sum = 0;
        boolean known = false;
        for (Vertex vertex : job.vertices()) {
            String base = "/jobs/" + job.id() + "/vertices/" + vertex.id() + "/subtasks/metrics";
            Optional<JsonNode> names = getIfPresent(base);
            if (names.isEmpty()) {
                continue;
            }
            List<String> wanted = new ArrayList<>();
            for (JsonNode metric : names.get()) {
                String id = metric.path("id").asText();
                if (id.equals(suffix) || id.endsWith("." + suffix)) {
                    wanted.add(id);
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            for (JsonNode metric :
                    getIfPresent(base + "?get=" + String.join(",", wanted) + "&agg=sum")
                            .orElse(JSON.createArrayNode())) {
                sum += (long) metric.path("sum").asDouble();
                known = true;
            }
        }
        return known ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    /**
     * Stops the job with a savepoint and waits for it.
     *
     * @return where the savepoint is
     * @throws JobControlException when the savepoint cannot be taken; the job then keeps running
     */
    public String stopWithSavepoint(String id, Duration timeout) {
        JsonNode trigger = post("/jobs/" + id + "/stop", "{\"drain\":false}");
        String request = trigger.path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + id + "/savepoints/" + request);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.hasNonNull("location")) {
                    return operation.path("location").asText();
                }
                throw new JobControlException(
                        "the savepoint of job %s failed: %s"
                                .formatted(id, failureCause(operation)));
            }
            pause();
        }
        throw new JobControlException(
                "the savepoint of job %s did not complete within %d s"
                        .formatted(id, timeout.toSeconds()));
    }

    public void cancel(String id) {
        send(
                HttpRequest.newBuilder(rest.resolve("/jobs/" + id + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Waits until the job reaches one of the states; returns the state it is in then (empty:
     * unknown to the cluster).
     */
    public Optional<JobStatus> awaitState(String id, Duration timeout, Set<JobStatus> states) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<JobStatus> state = Optional.empty();
        while (System.nanoTime() < deadline) {
            state = state(id);
            if (state.isPresent() && states.contains(state.get())) {
                return state;
            }
            pause();
        }
        return state;
    }

    /** Why the job failed, as the cluster says, or empty. */
    public Optional<String> failure(String id) {
        return getIfPresent("/jobs/" + id + "/exceptions")
                .flatMap(
                        e -> {
                            if (e.hasNonNull("root-exception")) {
                                return Optional.of(e.path("root-exception").asText());
                            }
                            JsonNode entries = e.path("exceptionHistory").path("entries");
                            return entries.size() > 0
                                    ? Optional.of(entries.get(0).path("stacktrace").asText())
                                    : Optional.empty();
                        })
                .map(FlinkJobs::firstLines);
    }

    private static String firstLines(String trace) {
        return trace.lines()
                .filter(line -> line.startsWith("Caused by:") || !line.startsWith("\t"))
                .reduce((first, last) -> last)
                .orElse(trace)
                .replaceFirst("^Caused by: ", "");
    }

    private static String failureCause(JsonNode operation) {
        JsonNode cause = operation.path("failure-cause");
        String trace = cause.path("stack-trace").asText(cause.path("class").asText("unknown"));
        return firstLines(trace);
    }

    private static int rank(String level) {
        return switch (level) {
            case "high" -> 2;
            case "low" -> 1;
            default -> 0;
        };
    }

    private JsonNode get(String path) {
        return getIfPresent(path)
                .orElseThrow(
                        () ->
                                new JobControlException(
                                        "Flink at %s has no %s".formatted(rest, path)));
    }

    private Optional<JsonNode> getIfPresent(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(rest.resolve(path)).GET());
        // Flink answers an unknown job id with 404 on some resources and 500 on others.
        if (response.statusCode() == 404
                || (response.statusCode() == 500
                        && response.body().contains("FlinkJobNotFoundException"))) {
            return Optional.empty();
        }
        return Optional.of(parse(response, path));
    }

    private JsonNode post(String path, String body) {
        HttpResponse<String> response =
                send(
                        HttpRequest.newBuilder(rest.resolve(path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)));
        return parse(response, path);
    }

    private JsonNode parse(HttpResponse<String> response, String path) {
        if (response.statusCode() / 100 != 2) {
            throw new JobControlException(
                    "Flink at %s answered %d to %s: %s"
                            .formatted(rest, response.statusCode(), path, response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new JobControlException(
                    "Flink at %s sent unreadable JSON for %s".formatted(rest, path), e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
            return http.send(
                    request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new JobControlException(
                    "cannot reach Flink's REST API at %s: %s".formatted(rest, e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobControlException("interrupted while calling Flink at " + rest, e);
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobControlException("interrupted while waiting for Flink", e);
        }
    }
}
