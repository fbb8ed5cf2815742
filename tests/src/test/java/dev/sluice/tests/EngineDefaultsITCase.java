package dev.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.testkit.JdbcSql;
import dev.sluice.testkit.Jobs;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sluice's engine defaults reach every job, whichever client submits it: object reuse and the
 * stack's checkpoint interval in the job's configuration (read back from Flink's REST API), and
 * Kafka sinks that pool their transactional ids — counted on the broker, next to a sink that names
 * the connector's other strategy (INCREMENTING, its default) and gets a new id at every checkpoint.
 */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class EngineDefaultsITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SluiceStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private KafkaTestClient kafka;
    private Connection jdbc;
    private String suffix;
    private Thread feeder;
    private final AtomicBoolean feeding = new AtomicBoolean(true);

    EngineDefaultsITCase(SluiceStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void connect() throws Exception {
        kafka = new KafkaTestClient(stack.kafkaBootstrap());
        jdbc = DriverManager.getConnection(stack.jdbcUrl());
        suffix = UUID.randomUUID().toString().substring(0, 8);
        JdbcSql.execute(
                jdbc,
                ("CREATE TABLE feed_%s (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 'feed-%s',"
                                + " 'format' = 'json', 'scan.startup.mode' = 'earliest-offset')")
                        .formatted(suffix, suffix));
        // A record every 50 ms keeps every checkpoint's transaction busy.
        feeder =
                new Thread(
                        () -> {
                            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                                for (long i = 0; feeding.get(); i++) {
                                    producer.send(
                                            new ProducerRecord<>(
                                                    "feed-" + suffix,
                                                    ("{\"id\":" + i + "}")
                                                            .getBytes(StandardCharsets.UTF_8)));
                                    java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                                }
                            }
                        },
                        "feeder");
        feeder.start();
    }

    @AfterEach
    void close() throws Exception {
        feeding.set(false);
        feeder.join();
        Jobs.cancelAll(stack);
        jdbc.close();
        kafka.close();
    }

    @Test
    void aJobFromTheJdbcDriverReusesObjectsAndItsSinkPoolsTransactionalIds() throws Exception {
        String pooled = sink("pooled_" + suffix);
        String incrementing = sink("incrementing_" + suffix);
        String pooledJob =
                JdbcSql.execute(
                                jdbc,
                                "INSERT INTO %s SELECT id FROM feed_%s".formatted(pooled, suffix))
                        .orElseThrow();
        String incrementingJob =
                JdbcSql.execute(
                                jdbc,
                                ("INSERT INTO %s /*+ OPTIONS('sink.transaction-naming-strategy'"
                                                + " = 'INCREMENTING') */ SELECT id FROM feed_%s")
                                        .formatted(incrementing, suffix))
                        .orElseThrow();

        await().atMost(Duration.ofMinutes(2)).until(() -> completedCheckpoints(pooledJob) >= 12);
        await().atMost(Duration.ofMinutes(2))
                .until(() -> completedCheckpoints(incrementingJob) >= 12);

        assertThat(
                        flink("/jobs/" + pooledJob + "/config")
                                .path("execution-config")
                                .path("object-reuse-mode")
                                .asBoolean())
                .isTrue();
        assertThat(flink("/jobs/" + pooledJob + "/checkpoints/config").path("interval").asLong())
                .as("the stack's --checkpoint-interval")
                .isEqualTo(stack.options().checkpointInterval().toMillis());
        long pooledIds = transactionalIds(pooled);
        long incrementingIds = transactionalIds(incrementing);
        assertThat(incrementingIds)
                .as(
                        "the connector's default: a new id per checkpoint and sink task; the"
                                + " broker knows %s",
                        kafka.transactionalIds())
                .isGreaterThanOrEqualTo(12);
        assertThat(pooledIds)
                .as("pooled: a few per sink task (parallelism 2), however many checkpoints")
                .isPositive()
                .isLessThanOrEqualTo(8);
    }

    @Test
    void aJobFromTheRestApiGetsTheSameDefaults() throws Exception {
        String sink = sink("rest_" + suffix);
        URI base = URI.create("http://127.0.0.1:" + stack.gatewayPort() + "/v1/");
        String session = post(base.resolve("sessions"), Map.of()).path("sessionHandle").asText();
        post(
                base.resolve("sessions/" + session + "/statements"),
                Map.of(
                        "statement",
                        "INSERT INTO %s SELECT id FROM feed_%s".formatted(sink, suffix)));

        String[] job = {null};
        await().atMost(Duration.ofMinutes(1))
                .until(
                        () -> {
                            for (JsonNode overview : flink("/jobs/overview").path("jobs")) {
                                if (overview.path("name").asText().endsWith("." + sink)
                                        && overview.path("state").asText().equals("RUNNING")) {
                                    job[0] = overview.path("jid").asText();
                                }
                            }
                            return job[0] != null;
                        });
        await().atMost(Duration.ofMinutes(1)).until(() -> completedCheckpoints(job[0]) >= 1);
        assertThat(
                        flink("/jobs/" + job[0] + "/config")
                                .path("execution-config")
                                .path("object-reuse-mode")
                                .asBoolean())
                .isTrue();
        assertThat(flink("/jobs/" + job[0] + "/checkpoints/config").path("interval").asLong())
                .isEqualTo(stack.options().checkpointInterval().toMillis());
    }

    private String sink(String name) throws Exception {
        JdbcSql.execute(
                jdbc,
                "CREATE TABLE %s (id BIGINT) WITH ('connector' = 'kafka', 'topic' = '%s', 'format' = 'json')"
                        .formatted(name, name.replace('_', '-')));
        return name;
    }

    /** Transactional ids on the broker of the job's sink (prefix {@code sluice-<table>-…}). */
    private long transactionalIds(String table) throws Exception {
        String prefix = "sluice-" + table.replace('_', '-') + "-";
        return kafka.transactionalIds().stream().filter(id -> id.startsWith(prefix)).count();
    }

    private long completedCheckpoints(String job) throws Exception {
        return flink("/jobs/" + job + "/checkpoints").path("counts").path("completed").asLong();
    }

    private JsonNode flink(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + stack.flink().restPort() + path);
        return JSON.readTree(
                http.send(
                                HttpRequest.newBuilder(uri).GET().build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
    }

    private JsonNode post(URI uri, Map<String, String> body) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
