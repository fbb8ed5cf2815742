package dev.sluice.tests.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.catalog.SluiceCatalog;
import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.catalog.store.CatalogStores;
import dev.sluice.catalog.store.StoreSettings;
import dev.sluice.policy.guard.GuardCorpus;
import dev.sluice.policy.guard.GuardReading;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.testkit.JdbcSql;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.gateway.api.SqlGatewayService;
import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestAPIVersion;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The attacks of the red-team pass (issue 11) against the live gateway, through every entry point:
 * the stock JDBC driver, raw REST, the SQL client's init-script path and session properties; and
 * the side doors around the guard (the embedded cluster's REST API, browsers).
 */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class SecurityITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SluiceStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private Connection jdbc;

    SecurityITCase(SluiceStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void connect() throws Exception {
        jdbc = DriverManager.getConnection(stack.jdbcUrl());
    }

    @AfterEach
    void disconnect() throws Exception {
        jdbc.close();
    }

    /** Finding 1 and the acceptance corpus: no rephrasing of a refused statement gets through. */
    @Test
    void everyMutantOfEveryRefusalIsRefusedThroughJdbcRestAndInitScripts() throws Exception {
        List<String> tablesBefore = JdbcSql.rows(jdbc, "SHOW TABLES");
        List<String> passed = new ArrayList<>();
        int mutants = 0;
        try (Canary canary = new Canary();
                RestSession rest = new RestSession()) {
            SqlGatewayService service = stack.gatewayService();
            SessionHandle init = openSession(service, Map.of());
            for (String refusal : GuardCorpus.refusals()) {
                for (Map.Entry<String, String> mutant : GuardCorpus.mutantsOf(refusal).entrySet()) {
                    String text = mutant.getValue();
                    mutants++;
                    if (catchThrowable(() -> JdbcSql.execute(jdbc, text)) == null) {
                        passed.add("JDBC " + mutant.getKey() + ": " + text);
                    }
                    if (!rest.refuses(text)) {
                        passed.add("REST " + mutant.getKey() + ": " + text);
                    }
                    if (catchThrowable(() -> service.configureSession(init, text, -1)) == null) {
                        passed.add("configureSession " + mutant.getKey() + ": " + text);
                    }
                }
            }
            service.closeSession(init);
            assertThat(canary.connections()).isZero();
        }

        assertThat(passed).as("mutants that got through").isEmpty();
        assertThat(mutants).isGreaterThan(400);
        assertThat(JdbcSql.rows(jdbc, "SHOW TABLES")).isEqualTo(tablesBefore);
        assertThat(stack.flink().runningJobs()).isEmpty();
        assertThat(Files.readString(Path.of("target/test.log"))).doesNotContain("root:x:0:0");
    }

    /** The same corpus's settings as session properties, the path openSession takes. */
    @Test
    void everyRefusedSettingIsRefusedAsASessionProperty() throws Exception {
        SqlGatewayService service = stack.gatewayService();
        List<String> accepted = new ArrayList<>();
        int settings = 0;
        for (String refusal : GuardCorpus.refusals()) {
            Optional<Map.Entry<String, String>> setting = GuardReading.setting(refusal);
            if (setting.isEmpty()) {
                continue;
            }
            settings++;
            Map<String, String> properties =
                    Map.of(setting.get().getKey(), setting.get().getValue());
            Throwable refusalOfSession = catchThrowable(() -> openSession(service, properties));
            if (refusalOfSession == null) {
                accepted.add(properties.toString());
            }
        }

        assertThat(accepted).as("session properties the gateway accepted").isEmpty();
        assertThat(settings).isGreaterThan(10);
    }

    /** Finding 1: the reported reproduction, with the session's settings unchanged after it. */
    @Test
    void aSecondTerminatorNoLongerSwitchesTheGuardOff() throws Exception {
        for (String attack :
                List.of(
                        "SET 'execution.checkpointing.mode' = 'AT_LEAST_ONCE';;",
                        "SET 'pipeline.jars' = 'file:///tmp/x.jar'; -- c",
                        "SET 'execution.target' = 'local'; /* c */",
                        "SET 'rest.port' = '1';;",
                        "/* c */ ADD JAR '/tmp/x.jar';;",
                        "EXECUTE PLAN '/etc/passwd';;")) {
            Throwable refusal = catchThrowable(() -> JdbcSql.execute(jdbc, attack));

            assertThat(refusal).as(attack).isNotNull();
            assertThat(JdbcSql.stackTrace(refusal))
                    .as(attack)
                    .containsPattern("\\[(security|exactly|sql-unsupported)");
        }
        assertThat(JdbcSql.rows(jdbc, "SET")).doesNotContain("pipeline.jars");
    }

    /**
     * Review finding: a hint or a table naming other Kafka servers would send a stored table's
     * credentials there, and make the gateway a port scanner. Only this gateway's Kafka is allowed.
     */
    @Test
    void kafkaServersOtherThanTheGatewaysAreRefusedBeforeAnythingConnects() throws Exception {
        try (Canary attacker = new Canary()) {
            String servers = "127.0.0.1:" + attacker.port();
            List<String> attacks =
                    List.of(
                            "CREATE TABLE elsewhere (id INT) WITH ('connector' = 'kafka', 'topic' = 't',"
                                    + " 'format' = 'json', 'properties.bootstrap.servers' = '"
                                    + servers
                                    + "')",
                            "SELECT * FROM elsewhere_src /*+ OPTIONS('properties.bootstrap.servers' = '"
                                    + servers
                                    + "') */");
            JdbcSql.execute(
                    jdbc,
                    "CREATE TEMPORARY TABLE elsewhere_src (id INT) WITH ('connector' = 'kafka',"
                            + " 'topic' = 'elsewhere', 'format' = 'json',"
                            + " 'scan.startup.mode' = 'earliest-offset')");
            for (String attack : attacks) {
                Throwable refusal = catchThrowable(() -> JdbcSql.execute(jdbc, attack));

                assertThat(JdbcSql.stackTrace(refusal))
                        .as(attack)
                        .contains(
                                "[security-properties] option 'properties.bootstrap.servers' names"
                                        + " Kafka servers other than this gateway's");
            }
            assertThat(attacker.connections()).isZero();
        }
        URI workflow =
                URI.create(
                        "http://127.0.0.1:"
                                + stack.gatewayPort()
                                + "/v3/workflow/embedded-scheduler/create");
        assertThat(status(post(workflow, "application/json", "{}"))).isIn(400, 404, 405);
    }

    /** Finding 4: a session may not claim a deployed pipeline's job id, or any internal key. */
    @Test
    void sessionPropertiesWithInternalKeysAreRefused() {
        SqlGatewayService service = stack.gatewayService();
        for (String key : List.of("$internal.pipeline.job-id", "$internal.sluice.replay-from")) {
            Throwable refusal = catchThrowable(() -> openSession(service, Map.of(key, "earliest")));

            assertThat(refusal).as(key).hasMessageContaining("[security-config] '" + key + "'");
        }
    }

    /** Finding 5: options are checked where a table is used, wherever its definition came from. */
    @Test
    void aTableStoredByAnotherToolIsCheckedWhenUsed() throws Exception {
        String url = "jdbc:h2:mem:planted-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (CatalogStore store =
                CatalogStores.open(new StoreSettings(url, Optional.empty(), Optional.empty()))) {
            SluiceCatalog planted = new SluiceCatalog("planted", "default_database", store);
            planted.open();
            planted.createTable(
                    new ObjectPath("default_database", "evil"),
                    new ResolvedCatalogTable(
                            CatalogTable.newBuilder()
                                    .schema(
                                            Schema.newBuilder()
                                                    .column("id", DataTypes.INT())
                                                    .build())
                                    .options(
                                            Map.of(
                                                    "connector", "kafka",
                                                    "topic", "t",
                                                    "format", "json",
                                                    "properties.bootstrap.servers",
                                                            stack.kafkaBootstrap(),
                                                    "properties.ssl.truststore.location",
                                                            "/etc/shadow"))
                                    .build(),
                            ResolvedSchema.of(Column.physical("id", DataTypes.INT()))),
                    false);
            JdbcSql.execute(
                    jdbc, "CREATE CATALOG planted WITH ('type' = 'sluice', 'url' = '" + url + "')");
            try {
                Throwable refusal =
                        catchThrowable(
                                () ->
                                        JdbcSql.execute(
                                                jdbc,
                                                "SELECT * FROM planted.default_database.evil"));

                assertThat(JdbcSql.stackTrace(refusal))
                        .contains(
                                "[security-files] table 'planted.default_database.evil' is stored with "
                                        + "'properties.ssl.truststore.location' names a local file");
            } finally {
                JdbcSql.execute(jdbc, "DROP CATALOG planted");
            }
        }
    }

    /** Finding 12: secret values appear in no client-visible output and in no log line. */
    @Test
    void secretsAreMaskedInEverythingAClientReadsAndInTheLog() throws Exception {
        String jaas = "jaas-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();
        String catalogPassword = "catalog-" + UUID.randomUUID();
        JdbcSql.execute(
                jdbc,
                "CREATE TEMPORARY TABLE secretive (id INT) WITH ('connector' = 'kafka', 'topic' = 't',"
                        + " 'format' = 'json', 'properties.security.protocol' = 'SASL_SSL',"
                        + " 'properties.sasl.mechanism' = 'PLAIN', 'properties.sasl.jaas.config' ="
                        + " 'org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"u\" password=\""
                        + jaas
                        + "\";', 'properties.ssl.key.password' = '"
                        + key
                        + "')");
        String catalog = "secret_" + UUID.randomUUID().toString().substring(0, 8);
        JdbcSql.execute(
                jdbc,
                "CREATE CATALOG "
                        + catalog
                        + " WITH ('type' = 'sluice', 'url' = 'jdbc:h2:mem:"
                        + catalog
                        + "', 'username' = 'sa', 'password' = '"
                        + catalogPassword
                        + "')");
        try {
            List<String> shown = new ArrayList<>();
            shown.addAll(JdbcSql.rows(jdbc, "SHOW CREATE TABLE secretive"));
            shown.addAll(JdbcSql.rows(jdbc, "SHOW CREATE CATALOG " + catalog));
            shown.addAll(JdbcSql.rows(jdbc, "DESCRIBE CATALOG EXTENDED " + catalog));
            String all = String.join("\n", shown);

            assertThat(all).contains("******").contains("secretive");
            assertThat(all).doesNotContain(jaas, key, catalogPassword);
            assertThat(Files.readString(Path.of("target/test.log")))
                    .doesNotContain(jaas, key, catalogPassword);
        } finally {
            JdbcSql.execute(jdbc, "DROP CATALOG " + catalog);
        }
    }

    /** Finding 10: text that merely reads STATE_TTL does not lift the unbounded-state rule. */
    @Test
    void stateTtlInACommentOrAnAliasDoesNotBoundState() throws Exception {
        String topic = "ttl-" + UUID.randomUUID();
        JdbcSql.execute(
                jdbc,
                "CREATE TEMPORARY TABLE ttl_src (k STRING, v INT) WITH ('connector' = 'kafka', "
                        + "'topic' = '"
                        + topic
                        + "', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset')");
        JdbcSql.execute(
                jdbc,
                "CREATE TEMPORARY TABLE ttl_sink (k STRING, total BIGINT, PRIMARY KEY (k) NOT ENFORCED)"
                        + " WITH ('connector' = 'blackhole')");
        for (String insert :
                List.of(
                        "INSERT INTO ttl_sink /* STATE_TTL */ SELECT k, SUM(v) FROM ttl_src GROUP BY k",
                        "INSERT INTO ttl_sink SELECT k, SUM(v) AS STATE_TTL FROM ttl_src GROUP BY k")) {
            Throwable refusal = catchThrowable(() -> JdbcSql.execute(jdbc, insert));

            assertThat(JdbcSql.stackTrace(refusal)).as(insert).contains("[unbounded-state]");
        }
        assertThat(stack.flink().runningJobs()).isEmpty();
    }

    /** Finding 11: a huge statement is refused before it is parsed, with the limit named. */
    @Test
    void aHugeOrDeeplyNestedStatementIsRefusedWithTheLimit() {
        String huge = "SELECT '" + "x".repeat(2 << 20) + "'";
        String deep = "SELECT " + "(".repeat(3_000) + "1" + ")".repeat(3_000);

        assertThat(JdbcSql.stackTrace(catchThrowable(() -> JdbcSql.execute(jdbc, huge))))
                .contains("[statement-limits] the statement is 2,097,161 characters long");
        assertThat(JdbcSql.stackTrace(catchThrowable(() -> JdbcSql.execute(jdbc, deep))))
                .contains("[statement-limits]");
    }

    /** Finding 2: the embedded cluster's REST API takes no jobs, jars or savepoints but ours. */
    @Test
    void theEmbeddedClusterRestApiIsReadOnlyToEveryoneButTheGateway() throws Exception {
        URI flink = stack.flinkWebUi();
        String jobs = "jobs/00000000000000000000000000000000";

        assertThat(status(post(flink.resolve("/jars/upload"), "multipart/form-data", "")))
                .isIn(403, 404);
        assertThat(status(post(flink.resolve("/jars/x.jar/run"), "application/json", "{}")))
                .isIn(403, 404);
        assertThat(
                        status(
                                post(
                                        flink.resolve("/" + jobs + "/savepoints"),
                                        "application/json",
                                        "{\"target-directory\": \"/tmp/anywhere\", \"cancel-job\": true}")))
                .isEqualTo(403);
        assertThat(
                        status(
                                HttpRequest.newBuilder(flink.resolve("/" + jobs + "?mode=cancel"))
                                        .method("PATCH", HttpRequest.BodyPublishers.noBody())))
                .isEqualTo(403);
        assertThat(status(HttpRequest.newBuilder(flink.resolve("/" + jobs + "/yarn-cancel")).GET()))
                .isEqualTo(403);
        assertThat(status(post(flink.resolve("/jobs"), "application/json", "{}"))).isEqualTo(403);
        assertThat(status(HttpRequest.newBuilder(flink.resolve("/jobs/overview")).GET()))
                .isEqualTo(200);

        URI gateway = URI.create("http://127.0.0.1:" + stack.gatewayPort());
        assertThat(status(post(gateway.resolve("/jars/upload"), "application/json", "{}")))
                .isIn(403, 404);
    }

    /** Finding 3: web pages, DNS-rebinding pages included, get no usable answer. */
    @Test
    void browsersAreRefused() throws Exception {
        URI sessions = URI.create("http://127.0.0.1:" + stack.gatewayPort() + "/v1/sessions");

        HttpResponse<String> plain =
                send(
                        HttpRequest.newBuilder(sessions)
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> crossOrigin =
                send(
                        HttpRequest.newBuilder(sessions)
                                .header("Content-Type", "application/json")
                                .header("Origin", "http://evil.example")
                                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> json =
                send(
                        HttpRequest.newBuilder(sessions)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(plain.statusCode()).isEqualTo(403);
        assertThat(plain.body()).contains("application/json").doesNotContain("sessionHandle");
        assertThat(crossOrigin.statusCode()).isEqualTo(403);
        assertThat(crossOrigin.headers().firstValue("Access-Control-Allow-Origin"))
                .isNotEqualTo(Optional.of("*"));
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(rebound(stack.gatewayPort())).startsWith("HTTP/1.1 403");
    }

    /** A raw HTTP request naming another host, as a DNS-rebinding page would send it. */
    private static String rebound(int port) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write(
                            ("GET /v1/info HTTP/1.1\r\nHost: evil.example:"
                                            + port
                                            + "\r\nConnection: close\r\n\r\n")
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(
                    socket.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private HttpRequest.Builder post(URI uri, String type, String body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private int status(HttpRequest.Builder request) throws Exception {
        return send(request).statusCode();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(
                request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SessionHandle openSession(
            SqlGatewayService service, Map<String, String> config) {
        return service.openSession(
                SessionEnvironment.newBuilder()
                        .setSessionEndpointVersion(SqlGatewayRestAPIVersion.getDefaultVersion())
                        .addSessionConfig(config)
                        .build());
    }

    /** A session of the SQL Gateway REST API, driven by hand as any HTTP client could. */
    private final class RestSession implements AutoCloseable {
        private final URI base = URI.create("http://127.0.0.1:" + stack.gatewayPort() + "/v1/");
        private final String handle;

        RestSession() throws Exception {
            handle =
                    json(post(base.resolve("sessions"), "application/json", "{}"))
                            .path("sessionHandle")
                            .asText();
        }

        /** Whether the statement ends in an error without running. */
        boolean refuses(String statement) throws Exception {
            HttpResponse<String> submitted =
                    send(
                            post(
                                    base.resolve("sessions/" + handle + "/statements"),
                                    "application/json",
                                    JSON.writeValueAsString(Map.of("statement", statement))));
            if (submitted.statusCode() != 200) {
                return true;
            }
            String operation = JSON.readTree(submitted.body()).path("operationHandle").asText();
            URI status =
                    base.resolve("sessions/" + handle + "/operations/" + operation + "/status");
            String[] state = {""};
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                state[0] =
                                        json(HttpRequest.newBuilder(status).GET())
                                                .path("status")
                                                .asText();
                                return !state[0].equals("RUNNING")
                                        && !state[0].equals("PENDING")
                                        && !state[0].equals("INITIALIZED");
                            });
            return state[0].equals("ERROR");
        }

        private JsonNode json(HttpRequest.Builder request) throws Exception {
            return JSON.readTree(send(request).body());
        }

        @Override
        public void close() throws IOException {
            try {
                http.send(
                        HttpRequest.newBuilder(base.resolve("sessions/" + handle)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while closing the REST session", e);
            }
        }
    }
}
