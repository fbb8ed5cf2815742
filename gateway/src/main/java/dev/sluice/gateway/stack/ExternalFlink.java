package dev.sluice.gateway.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Checks that a Flink cluster's REST API answers before the gateway starts. */
final class ExternalFlink {

    private ExternalFlink() {}

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
        } catch (IOException e) {
            throw new StartupException(
                    "cannot reach Flink's REST API at %s:%d: %s (check --flink-rest)"
                            .formatted(host, port, SluiceGateway.rootMessage(e)),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while connecting to Flink", e);
        }
    }
}
