package dev.sluice.jdbc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Flink SQL Gateway's REST API (v3), as the driver uses it: sessions, statements, result pages,
 * cancel and close. The token, when there is one, travels as {@code Authorization: Bearer} and is
 * never part of a message.
 */
final class Gateway {

    private static final String VERSION = "/v3";

    private final URI base;
    private final Optional<String> token;
    private final HttpClient http;
    private final Duration timeout;

    Gateway(URI base, Optional<String> token, Duration timeout) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    URI base() {
        return base;
    }

    /** One page of an operation's results. */
    record Page(
            String resultType,
            boolean queryResult,
            Optional<String> jobId,
            String resultKind,
            List<Object> columns,
            List<Object> rows,
            Optional<String> next) {

        boolean notReady() {
            return resultType.equals("NOT_READY");
        }

        boolean end() {
            return resultType.equals("EOS");
        }
    }

    String openSession(String name, Map<String, String> properties) throws SQLException {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("sessionName", name);
        body.put("properties", properties);
        return Json.string(
                Json.object(send("POST", "/sessions", Json.object(body))).get("sessionHandle"));
    }

    void closeSession(String session) throws SQLException {
        send("DELETE", "/sessions/" + session, null);
    }

    void heartbeat(String session) throws SQLException {
        send("POST", "/sessions/" + session + "/heartbeat", "{}");
    }

    String execute(String session, String statement) throws SQLException {
        String body = "{\"statement\":" + Json.quote(statement) + "}";
        return Json.string(
                Json.object(send("POST", "/sessions/" + session + "/statements", body))
                        .get("operationHandle"));
    }

    Page fetch(String session, String operation, String path) throws SQLException {
        if (path != null && (!path.startsWith("/") || path.startsWith("//"))) {
            // The token goes only to the gateway this connection was made to.
            throw new SQLNonTransientConnectionException(
                    "the gateway pointed the next page of results to another address; refused",
                    "08S01");
        }
        String uri =
                path != null
                        ? path
                        : VERSION
                                + "/sessions/"
                                + session
                                + "/operations/"
                                + operation
                                + "/result/0?rowFormat=JSON";
        Map<String, Object> page = Json.object(sendRaw("GET", uri, null));
        Map<String, Object> results = Json.object(page.get("results"));
        return new Page(
                Json.string(page.getOrDefault("resultType", "EOS")),
                Boolean.TRUE.equals(page.get("isQueryResult")),
                Optional.ofNullable(Json.string(page.get("jobID"))),
                Json.string(page.getOrDefault("resultKind", "SUCCESS")),
                Json.array(results.get("columns")),
                Json.array(results.get("data")),
                Optional.ofNullable(Json.string(page.get("nextResultUri"))));
    }

    /** Waits a little between polls of a result that is not ready yet. */
    static void pause(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for results", "HY008", e);
        }
    }

    void cancel(String session, String operation) throws SQLException {
        send("POST", "/sessions/" + session + "/operations/" + operation + "/cancel", "{}");
    }

    void close(String session, String operation) throws SQLException {
        send("DELETE", "/sessions/" + session + "/operations/" + operation + "/close", null);
    }

    /** Product name and version, from {@code /info}. */
    Map<String, Object> info() throws SQLException {
        return Json.object(send("GET", "/info", null));
    }

    private Object send(String method, String path, String body) throws SQLException {
        return sendRaw(method, VERSION + path, body);
    }

    private Object sendRaw(String method, String path, String body) throws SQLException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(timeout)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SQLTimeoutException(
                    "the Sluice gateway at %s did not answer within %d s"
                            .formatted(base, timeout.toSeconds()),
                    "HYT00",
                    e);
        } catch (ConnectException e) {
            throw new SQLNonTransientConnectionException(
                    "cannot reach the Sluice gateway at %s; is it running (sluice up)?"
                            .formatted(base),
                    "08001",
                    e);
        } catch (IOException e) {
            throw new SQLNonTransientConnectionException(
                    "the connection to the Sluice gateway at %s failed: %s"
                            .formatted(base, e.getMessage()),
                    "08006",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the gateway", "HY008", e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new SQLInvalidAuthorizationSpecException(
                    status == 401
                            ? "the Sluice gateway at %s needs a token: set the password (or token) property of the connection"
                                    .formatted(base)
                            : "the Sluice gateway at %s refused the request: %s"
                                    .formatted(base, firstError(response.body())),
                    "28000");
        }
        if (status / 100 != 2) {
            throw Errors.fromGateway(status, response.body());
        }
        try {
            return response.body().isBlank() ? Map.of() : Json.parse(response.body());
        } catch (RuntimeException | StackOverflowError e) {
            throw new SQLNonTransientConnectionException(
                    "the answer from %s is not the SQL Gateway's (is something else at that address?)"
                            .formatted(base),
                    "08S01");
        }
    }

    private static String firstError(String body) {
        try {
            return Json.string(Json.array(Json.object(Json.parse(body)).get("errors")).get(0));
        } catch (RuntimeException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }
}
