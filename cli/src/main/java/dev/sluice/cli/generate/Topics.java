package dev.sluice.cli.generate;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Creates topics that a pipeline reads before anything is written to them. */
public final class Topics {

    private Topics() {}

    /** Creates {@code topic} with {@code partitions} partitions unless it exists. */
    public static void ensure(String bootstrapServers, String topic, int partitions) {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) -1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "cannot create topic '%s' on %s".formatted(topic, bootstrapServers),
                            e.getCause());
                }
            }
            awaitLeaders(admin, topic, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka at %s did not create topic '%s' within 30 s"
                            .formatted(bootstrapServers, topic),
                    e);
        }
    }

    /**
     * Waits until every partition of {@code topic} has a leader. Producing into a partition before
     * that fails with NOT_LEADER, and the retry can break an idempotent producer's sequence
     * numbers.
     */
    public static void awaitLeaders(Admin admin, String topic, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                TopicDescription description =
                        admin.describeTopics(List.of(topic))
                                .allTopicNames()
                                .get(10, TimeUnit.SECONDS)
                                .get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                // not known to the broker yet: keep waiting
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "topic '%s' has partitions without a leader after %d s"
                                .formatted(topic, timeout.toSeconds()));
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /**
     * The newest event time among the last record of each partition: where a stream that is picked
     * up again must continue, or its records arrive behind the pipelines' watermarks.
     */
    public static Optional<LocalDateTime> latestEventTime(String bootstrap, String topic) {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            int wanted = 0;
            for (var end : ends.entrySet()) {
                if (end.getValue() > 0) {
                    consumer.seek(end.getKey(), end.getValue() - 1);
                    wanted++;
                } else {
                    consumer.pause(List.of(end.getKey()));
                }
            }
            LocalDateTime latest = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int seen = 0;
            while (seen < wanted && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    seen++;
                    Optional<LocalDateTime> time = TransactionJson.eventTime(record.value());
                    if (time.isPresent() && (latest == null || time.get().isAfter(latest))) {
                        latest = time.get();
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }
}
