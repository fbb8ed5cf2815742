package dev.sluice.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.testkit.JdbcSql;
import dev.sluice.testkit.KafkaTestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice up} as a user runs it: its own process, stopped with SIGTERM, started again. */
class SluiceUpITCase {

    @TempDir Path workDir;

    @Test
    void keepsTopicsAndDataAcrossARestartAndLeavesNothingRunning() throws Exception {
        Path dataDir = workDir.resolve("data");
        String topic = KafkaTestClient.uniqueTopic("kept");
        List<String> written = IntStream.range(0, 50).mapToObj(i -> "record-" + i).toList();

        String gateway;
        String bootstrap;
        try (SluiceProcess first = start(dataDir)) {
            String jdbcUrl = first.awaitReady("JDBC URL");
            bootstrap = first.awaitReady("Kafka bootstrap");
            gateway = jdbcUrl.substring("jdbc:flink://".length());
            try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
                assertThat(JdbcSql.rows(connection, "SHOW DATABASES")).contains("default_database");
            }
            List<String> listeners = ListeningSockets.of(first.pid());
            assertThat(listeners)
                    .hasSizeGreaterThanOrEqualTo(3)
                    .noneMatch(ListeningSockets::isWildcard);
            try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
                kafka.createTopic(topic, 2);
                produce(kafka, topic, written);
            }

            assertThat(first.terminate()).isEqualTo(143);
            assertThat(first.output())
                    .contains("Stopping Sluice ...", "Sluice stopped. Data kept in");
            assertThat(ProcessHandle.of(first.pid())).isEmpty();
        }
        assertNothingListensOn(gateway);
        assertNothingListensOn(bootstrap);

        try (SluiceProcess second = start(dataDir)) {
            String newBootstrap = second.awaitReady("Kafka bootstrap");
            try (KafkaTestClient kafka = new KafkaTestClient(newBootstrap);
                    KafkaTestClient.Reader reader = kafka.readCommitted(topic)) {
                assertThat(kafka.topics()).contains(topic);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> reader.poll().size() >= written.size());
                assertThat(reader.poll()).containsExactlyInAnyOrderElementsOf(written);
            }
            assertThat(second.terminate()).isEqualTo(143);
        }
    }

    @Test
    void secondSluiceOnTheSameDataDirFailsClearly() throws Exception {
        Path dataDir = workDir.resolve("shared");
        try (SluiceProcess first = start(dataDir)) {
            first.awaitReady("JDBC URL");
            try (SluiceProcess second = start(dataDir)) {
                await().atMost(Duration.ofMinutes(1)).until(() -> !isAlive(second));
                assertThat(second.terminate()).isEqualTo(1);
                assertThat(second.output())
                        .contains("sluice up: the data dir")
                        .contains("is in use by another running sluice");
            }
            first.terminate();
        }
    }

    private SluiceProcess start(Path dataDir) throws IOException {
        return SluiceProcess.start(
                workDir,
                "up",
                "--gateway-port",
                "0",
                "--kafka-port",
                "0",
                "--data-dir",
                dataDir.toString());
    }

    private static boolean isAlive(SluiceProcess process) {
        return ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void produce(KafkaTestClient kafka, String topic, List<String> values)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        }
    }

    private static void assertNothingListensOn(String hostPort) {
        String[] parts = hostPort.split(":");
        assertThatThrownBy(
                        () -> {
                            try (Socket socket = new Socket()) {
                                socket.connect(
                                        new InetSocketAddress(parts[0], Integer.parseInt(parts[1])),
                                        1_000);
                            }
                        })
                .as("something still listens on %s", hostPort)
                .isInstanceOf(IOException.class);
    }
}
