package dev.sluice.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.policy.Failures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Checks that a Flink cluster's REST API answers before the gateway starts. */
final class ExternalFlink {

    private ExternalFlink() {}

    /** The JobManager's effective configuration, as its REST API lists it: [{"key", "value"}]. */
    private static boolean loadsParentFirst(String configJson) throws IOException {
        for (JsonNode entry : new ObjectMapper().readTree(configJson)) {
            if (entry.path("key").asText().equals("classloader.resolve-order")) {
                return entry.path("value").asText().trim().equalsIgnoreCase("parent-first");
            }
        }
        return false;
    }

    static void checkReachable(String host, int port) {
        URI overview = URI.create("http://%s:%d/overview".formatted(host, port));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(overview)
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("taskmanagers")) {
                throw new StartupException(
                        "%s:%d answered %d, not like a Flink REST API (check --flink-rest)"
                                .formatted(host, port, response.statusCode()));
            }
            HttpResponse<String> config =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://%s:%d/jobmanager/config"
                                                            .formatted(host, port)))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (config.statusCode() == 200 && !loadsParentFirst(config.body())) {
                throw new StartupException(
                        ("the Flink cluster at %s:%d loads job jars child-first; Sluice ships the Kafka connector"
                                        + " and its functions inside every job, which needs parent-first: add"
                                        + " 'classloader.resolve-order: parent-first' to the cluster's config.yaml")
                                .formatted(host, port));
            }
        } catch (IOException e) {
            throw new StartupException(
                    "cannot reach Flink's REST API at %s:%d: %s (check --flink-rest)"
                            .formatted(host, port, Failures.innermostMessage(e)),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while connecting to Flink", e);
        }
    }
}
