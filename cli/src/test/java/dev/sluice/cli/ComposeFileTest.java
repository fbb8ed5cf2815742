package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docker-compose.yml, checked without Docker (none on the build machines): pinned images, health
 * checks, and a gateway command that {@code sluice serve} accepts and that points at the services
 * the file defines.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of(System.getProperty("sluice.home", ".."));
    private static JsonNode services;
    private static ServeCommand serve;

    @BeforeAll
    static void parse() throws Exception {
        JsonNode compose =
                new ObjectMapper(new YAMLFactory())
                        .readTree(ROOT.resolve("docker-compose.yml").toFile());
        services = compose.path("services");
        List<String> command = new ArrayList<>();
        services.path("sluice").path("command").forEach(arg -> command.add(arg.asText()));
        assertThat(command).first().isEqualTo("serve");
        serve = new ServeCommand();
        new CommandLine(serve).parseArgs(command.subList(1, command.size()).toArray(String[]::new));
    }

    @Test
    void everyImageIsPinnedAndEveryServerHasAHealthCheck() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .contains(
                        "kafka",
                        "jobmanager",
                        "taskmanager-1",
                        "taskmanager-2",
                        "postgres",
                        "sluice");
        for (String name : names) {
            String image = services.path(name).path("image").asText();
            assertThat(image).as(name).matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*");
            assertThat(image).as(name).doesNotContain(":latest");
        }
        for (String server : List.of("kafka", "jobmanager", "postgres", "sluice")) {
            assertThat(services.path(server).path("healthcheck").path("test").isMissingNode())
                    .as(server + " has a health check")
                    .isFalse();
        }
    }

    @Test
    void theDockerfileStartsFromAPinnedImage() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("cli/Dockerfile"));
        Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile);
        assertThat(from.find()).isTrue();
        assertThat(from.group(1)).matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*");
        assertThat(services.path("sluice").path("build").path("context").asText()).isEqualTo("cli");
    }

    @Test
    void theGatewayPointsAtTheServicesOfThisFile() {
        assertThat(serve.flinkRest).isEqualTo("jobmanager:8081");
        assertThat(services.path("jobmanager").path("ports").toString()).contains(":8081:8081");

        assertThat(env("kafka", "KAFKA_ADVERTISED_LISTENERS"))
                .contains("//" + serve.kafkaBootstrap);

        URI catalog = URI.create(serve.server.catalogUrl.substring("jdbc:".length()));
        assertThat(catalog.getHost()).isEqualTo("postgres");
        assertThat(catalog.getPath()).isEqualTo("/" + env("postgres", "POSTGRES_DB"));
        assertThat(serve.server.catalogUser).isEqualTo(env("postgres", "POSTGRES_USER"));
        assertThat(env("sluice", "SLUICE_CATALOG_PASSWORD"))
                .isEqualTo(env("postgres", "POSTGRES_PASSWORD"));

        assertThat(serve.server.gatewayHost).isEqualTo("0.0.0.0");
        assertThat(env("sluice", "SLUICE_GATEWAY_TOKEN"))
                .as("off loopback the gateway requires a token")
                .startsWith("${SLUICE_GATEWAY_TOKEN:?");
        assertThat(services.path("sluice").path("ports").get(0).asText())
                .isEqualTo(
                        "127.0.0.1:%d:%d"
                                .formatted(serve.server.gatewayPort, serve.server.gatewayPort));
    }

    @Test
    void checkpointsLiveOnOneVolumeThatFlinkAndTheGatewayShare() {
        String path = serve.checkpointDir.getPath();
        assertThat(serve.checkpointDir.getScheme()).isEqualTo("file");
        for (String name : List.of("jobmanager", "taskmanager-1", "taskmanager-2", "sluice")) {
            assertThat(services.path(name).path("volumes").toString())
                    .as(name + " mounts the shared state volume")
                    .contains("flink-state:/shared");
        }
        assertThat(path).startsWith("/shared/");
        assertThat(env("jobmanager", "FLINK_PROPERTIES"))
                .contains("execution.checkpointing.dir: file://" + path + "/checkpoints");
    }

    /** Jobs bring their own Kafka connector: Flink must load it parent-first (see the file). */
    @Test
    void flinkLoadsShippedJarsParentFirst() {
        for (String name : List.of("jobmanager", "taskmanager-1", "taskmanager-2")) {
            assertThat(env(name, "FLINK_PROPERTIES"))
                    .as(name)
                    .contains("classloader.resolve-order: parent-first");
        }
    }

    private static String env(String service, String key) {
        return services.path(service).path("environment").path(key).asText();
    }
}
