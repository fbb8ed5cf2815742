package dev.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.runtime.SluiceStack;
import dev.sluice.testkit.Jobs;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.client.SqlClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Flink's stock SQL client, in gateway mode, against the Sluice gateway. */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class SqlClientITCase {

    @TempDir Path tmp;

    private final SluiceStack stack;

    SqlClientITCase(SluiceStack stack) {
        this.stack = stack;
    }

    @AfterEach
    void cancelJobs() {
        Jobs.cancelAll(stack);
    }

    @Test
    void initScriptAndScriptRunThroughSluiceAndCommitExactlyOnce() throws Exception {
        String topic = KafkaTestClient.uniqueTopic("greetings");
        Path init = copy("init.sql", topic);
        Path script = copy("script.sql", topic);

        Process client =
                sqlClient(
                        "-i", init.toString(),
                        "-f", script.toString(),
                        "-hist", tmp.resolve("history").toString());
        String output = readAll(client.getInputStream());
        assertThat(client.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(client.exitValue()).as(output).isZero();
        assertThat(output).contains("Submitting SQL update statement to the cluster...");
        try (KafkaTestClient kafka = new KafkaTestClient(stack.kafkaBootstrap());
                KafkaTestClient.Reader reader = kafka.readCommitted(topic)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> reader.poll().size() >= 3);
            assertThat(reader.poll())
                    .containsExactlyInAnyOrder(
                            "{\"id\":1,\"greeting\":\"hello\"}",
                            "{\"id\":2,\"greeting\":\"hallo\"}",
                            "{\"id\":3,\"greeting\":\"hej\"}");
            assertThat(kafka.transactionalIds()).anyMatch(id -> id.startsWith("sluice-greetings-"));
        }
    }

    @Test
    void scriptStatementRefusedWithTheRuleInTheErrorLine() throws Exception {
        Path script =
                Files.writeString(tmp.resolve("evil.sql"), "ADD JAR 'file:///tmp/evil.jar';\n");

        Process client =
                sqlClient("-f", script.toString(), "-hist", tmp.resolve("history").toString());
        String output = readAll(client.getInputStream());
        assertThat(client.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(output)
                .contains("[ERROR] Could not execute SQL statement.")
                .contains(
                        "line 1, column 9: [security-code] ADD JAR would load code from outside Sluice")
                .contains("Fix: use the functions Sluice ships");
    }

    @Test
    void initScriptWithAForbiddenStatementIsRefused() throws Exception {
        Path init =
                Files.writeString(
                        tmp.resolve("evil-init.sql"),
                        "SET 'pipeline.jars' = 'file:///tmp/evil.jar';\n");

        Process client =
                sqlClient(
                        "-i", init.toString(),
                        "-f", copy("script.sql", "never").toString(),
                        "-hist", tmp.resolve("history").toString());
        String output = readAll(client.getInputStream());
        assertThat(client.waitFor(2, TimeUnit.MINUTES)).isTrue();

        // The stock client reports a failed init script in one line and stops (exit code 0);
        // the guard's message goes to the client's log.
        assertThat(output)
                .contains("Failed to initialize from sql script: " + init)
                .doesNotContain("Submitting SQL update statement");
        assertThat(stack.flink().runningJobs()).isEmpty();
    }

    private Process sqlClient(String... args) throws IOException {
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), "");
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(
                                ProcessHandle.current().info().command().orElse("java"),
                                "-cp",
                                System.getProperty("java.class.path"),
                                SqlClient.class.getName(),
                                "gateway",
                                "--endpoint",
                                stack.gatewayHost() + ":" + stack.gatewayPort()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        return builder.start();
    }

    private Path copy(String resource, String topic) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/sql/client/" + resource)) {
            String sql =
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .replace("${topic}", topic);
            return Files.writeString(tmp.resolve(resource), sql);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
