package dev.sluice.policy.eo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaTableDefaultsTest {

    private final KafkaTableDefaults defaults =
            new KafkaTableDefaults(Optional.of("127.0.0.1:9092"));

    @Test
    void completesKafkaTables() {
        assertThat(defaults.apply(Map.of("connector", "upsert-kafka", "topic", "t")))
                .containsEntry("properties.bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("properties.isolation.level", "read_committed")
                .containsEntry("topic", "t");
    }

    @Test
    void keepsWhatTheTableSays() {
        Map<String, String> explicit =
                Map.of(
                        "connector", "kafka",
                        "properties.bootstrap.servers", "broker:9092",
                        "properties.isolation.level", "read_uncommitted");

        assertThat(defaults.apply(explicit))
                .containsAllEntriesOf(
                        Map.of(
                                "properties.bootstrap.servers", "broker:9092",
                                "properties.isolation.level", "read_uncommitted"));
    }

    @Test
    void kafkaTablesReadThroughTheDeadLetterConnectorUnlessTheyFail() {
        assertThat(defaults.apply(Map.of("connector", "kafka", "topic", "t")))
                .containsEntry("connector", "sluice-kafka")
                .containsEntry("dead-letter.mode", "dead-letter")
                .doesNotContainKey("dead-letter.topic");
        assertThat(
                        defaults.apply(
                                Map.of(
                                        "connector", "upsert-kafka",
                                        "topic", "t",
                                        "sluice.on-error", "skip",
                                        "sluice.dead-letter.topic", "elsewhere")))
                .containsEntry("connector", "sluice-upsert-kafka")
                .containsEntry("dead-letter.mode", "skip")
                .containsEntry("dead-letter.topic", "elsewhere")
                .doesNotContainKeys("sluice.on-error", "sluice.dead-letter.topic");
        assertThat(
                        defaults.apply(
                                Map.of(
                                        "connector",
                                        "kafka",
                                        "topic",
                                        "t",
                                        "sluice.on-error",
                                        "fail")))
                .containsEntry("connector", "kafka")
                .doesNotContainKeys("dead-letter.mode", "sluice.on-error");
    }

    @Test
    void aTableWithoutAStartupModeReadsFromTheEarliestOffsetOrItsGroupsOffsets() {
        assertThat(defaults.apply(Map.of("connector", "kafka", "topic", "t")))
                .containsEntry("scan.startup.mode", "earliest-offset");
        assertThat(
                        defaults.apply(
                                Map.of(
                                        "connector", "kafka",
                                        "topic", "t",
                                        "scan.startup.mode", "latest-offset")))
                .containsEntry("scan.startup.mode", "latest-offset");
        KafkaTableDefaults pipeline =
                new KafkaTableDefaults(
                        Optional.of("k:9092"), Optional.empty(), Optional.of("sluice-pipeline-p"));
        assertThat(pipeline.apply(Map.of("connector", "kafka", "topic", "t")))
                .doesNotContainKey("scan.startup.mode")
                .containsEntry("properties.auto.offset.reset", "earliest");
        assertThat(defaults.apply(Map.of("connector", "upsert-kafka", "topic", "t")))
                .as("upsert-kafka has no startup modes: it always reads everything")
                .doesNotContainKey("scan.startup.mode");
    }

    @Test
    void aDeployedPipelinesTablesNameItInTheirDeadLetters() {
        KafkaTableDefaults pipeline =
                new KafkaTableDefaults(
                        Optional.of("k:9092"),
                        Optional.empty(),
                        Optional.of(KafkaTableDefaults.groupId("fraud_alerts")));

        assertThat(pipeline.apply(Map.of("connector", "kafka", "topic", "t")))
                .containsEntry("dead-letter.pipeline", "fraud_alerts")
                .containsEntry("properties.group.id", "sluice-pipeline-fraud_alerts");
    }

    @Test
    void leavesOtherConnectorsAlone() {
        Map<String, String> datagen = Map.of("connector", "datagen");

        assertThat(defaults.apply(datagen)).isSameAs(datagen);
    }
}
