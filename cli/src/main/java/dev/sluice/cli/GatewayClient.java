package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sluice's REST resources on a running gateway, for the commands that manage pipelines. */
final class GatewayClient {

    static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI gateway;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GatewayClient(URI gateway) {
        this.gateway = gateway;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(gateway.resolve(path)).GET(), path);
    }

    /** GETs {@code path} and binds the answer to the record the gateway sends. */
    <T> T get(String path, TypeReference<T> type) {
        return bind(get(path), type, path);
    }

    /** POSTs the record as JSON and binds the answer to the record the gateway sends. */
    <T> T post(String path, Object body, Class<T> type) {
        return bind(post(path, JSON.valueToTree(body)), JSON.constructType(type), path);
    }

    private <T> T bind(JsonNode body, TypeReference<T> type, String path) {
        return bind(body, JSON.getTypeFactory().constructType(type), path);
    }

    private <T> T bind(JsonNode body, JavaType type, String path) {
        try {
            return JSON.treeToValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new GatewayException(
                    "the gateway at %s answered %s with something this sluice cannot read (%s); is it the same version?"
                            .formatted(gateway, path, e.getMessage()));
        }
    }

    /** The token of a gateway that needs one ({@code sluice serve} off loopback). */
    private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        String token = System.getenv(ServeCommand.TOKEN_ENV);
        return token == null || token.isBlank()
                ? request
                : request.header("Authorization", "Bearer " + token);
    }

    JsonNode post(String path, JsonNode body) {
        return send(
                HttpRequest.newBuilder(gateway.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
                path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            authorized(request).timeout(Duration.ofMinutes(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new GatewayException(
                    "cannot reach the gateway at %s; start it with sluice up, or pass --gateway URL"
                            .formatted(gateway));
        } catch (IOException e) {
            throw new GatewayException(
                    "the gateway at %s did not answer: %s".formatted(gateway, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new GatewayException(
                    "the gateway at %s sent no JSON for %s (is it a Sluice gateway?)"
                            .formatted(gateway, path));
        }
        if (response.statusCode() == 404 && !body.has("errors")) {
            throw new GatewayException(
                    "the gateway at %s has no %s: it is not a Sluice gateway, or an older one"
                            .formatted(gateway, path));
        }
        if (response.statusCode() / 100 != 2) {
            StringBuilder message = new StringBuilder();
            for (JsonNode error : body.path("errors")) {
                message.append(message.isEmpty() ? "" : "; ").append(error.asText());
            }
            throw new GatewayException(
                    message.isEmpty()
                            ? "the gateway answered " + response.statusCode()
                            : message.toString());
        }
        return body;
    }

    /** The gateway refused or could not be reached; the message says what to do. */
    static final class GatewayException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GatewayException(String message) {
            super(message);
        }
    }
}
