package dev.sluice.policy.eo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SluiceOptionsTest {

    private static final Map<String, String> SIZED =
            Map.of(
                    "connector", "kafka",
                    "topic", "t",
                    "format", "json",
                    "sluice.topic.partitions", "6",
                    "sluice.topic.replication-factor", "3");

    @Test
    void theConnectorNeverSeesThemWhenATableIsRead() {
        Map<String, String> read = new KafkaTableDefaults(Optional.of("k:9092")).apply(SIZED);

        assertThat(read).doesNotContainKeys(SluiceOptions.KNOWN.toArray(String[]::new));
        assertThat(read)
                .containsEntry("topic", "t")
                .containsEntry("properties.bootstrap.servers", "k:9092");
    }

    @Test
    void theTopicCreatorReadsThem() {
        assertThat(SluiceOptions.partitions(SIZED)).hasValue(6);
        assertThat(SluiceOptions.replication(SIZED)).hasValue(3);
        assertThat(SluiceOptions.partitions(Map.of("topic", "t"))).isEqualTo(OptionalInt.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "six", "1.5", "1e3", "", "10001", "99999999999999999999"})
    void unusablePartitionCountsAreRefusedWithTheRange(String value) {
        assertThat(SluiceOptions.problem("sluice.topic.partitions", value))
                .hasValueSatisfying(
                        problem -> assertThat(problem.get(1)).contains("from 1 to 10000"));
        assertThat(SluiceOptions.partitions(Map.of("sluice.topic.partitions", value))).isEmpty();
    }

    @Test
    void unknownKeysAreRefusedWithTheKnownOnes() {
        assertThat(SluiceOptions.problem("sluice.topic.partition", "6"))
                .hasValueSatisfying(
                        problem ->
                                assertThat(problem.get(1))
                                        .contains("sluice.topic.partitions")
                                        .contains("sluice.topic.replication-factor"));
        assertThat(SluiceOptions.problem("Sluice.Topic.Partitions", "4"))
                .hasValueSatisfying(
                        problem ->
                                assertThat(problem.get(1))
                                        .isEqualTo("write 'sluice.topic.partitions'"));
        assertThat(SluiceOptions.problem("sluice.topic.partitions", " 4 ")).isEmpty();
    }
}
