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

        assertThat(defaults.apply(explicit)).isEqualTo(explicit);
    }

    @Test
    void leavesOtherConnectorsAlone() {
        Map<String, String> datagen = Map.of("connector", "datagen");

        assertThat(defaults.apply(datagen)).isSameAs(datagen);
    }
}
