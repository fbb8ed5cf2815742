package dev.sluice.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints fraud alerts as a downstream consumer sees them: {@code read_committed}, so an alert
 * appears once its checkpoint has committed it, and never twice. Starts at the end of the topic:
 * alerts of earlier runs are not repeated.
 */
public final class AlertTail implements AutoCloseable {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PrintWriter out;

    public AlertTail(String bootstrapServers, String topic, PrintWriter out) {
        this.out = requireNonNull(out, "out is null");
        this.consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed",
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
    }

    /** Polls once and prints what arrived; returns how many alerts were printed. */
    public int pollAndPrint(Duration timeout) {
        int printed = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            out.println(format(record.value()));
            printed++;
        }
        out.flush();
        return printed;
    }

    static String format(byte[] value) {
        try {
            JsonNode alert = MAPPER.readTree(value);
            return "ALERT  %-10s  %s .. %s  total %,12.2f  in %3d transactions"
                    .formatted(
                            alert.path("account_id").asText(),
                            alert.path("window_start").asText(),
                            alert.path("window_end").asText().replaceFirst("^\\S+ ", ""),
                            alert.path("total_amount").decimalValue(),
                            alert.path("tx_count").asLong());
        } catch (IOException e) {
            return "ALERT  (unreadable record: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
