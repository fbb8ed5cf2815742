package dev.sluice.server.topics;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.Failures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The topics of one Kafka cluster and what their records look like, for the {@code kafka} catalog.
 * Every call is bounded: listing takes at most {@link #TIMEOUT}, a sample at most {@link
 * #SAMPLE_TIME} and {@link #SAMPLE_RECORDS} records (the newest of each partition), and a topic's
 * inferred columns are kept for {@link #KEEP} so that one statement samples a topic once.
 */
public final class TopicDiscovery implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration SAMPLE_TIME = Duration.ofSeconds(2);
    static final int SAMPLE_RECORDS = 200;
    static final Duration KEEP = Duration.ofSeconds(30);

    private final String bootstrap;
    private final Admin admin;
    private final Map<String, Sampled> sampled = new ConcurrentHashMap<>();

    private record Sampled(SchemaInference.Inferred inferred, long at) {}

    public TopicDiscovery(String bootstrap) {
        this.bootstrap = requireNonNull(bootstrap, "bootstrap is null");
        this.admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                (int) TIMEOUT.toMillis(),
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                (int) TIMEOUT.toMillis(),
                                AdminClientConfig.CLIENT_ID_CONFIG,
                                "sluice-topic-discovery"));
    }

    public String bootstrap() {
        return bootstrap;
    }

    /**
     * The cluster's topics that are tables, sorted: not Kafka's internal ones, and none whose name
     * starts with {@code _} (by convention, the internal topics of other tools).
     */
    public List<String> topics() throws TopicException {
        try {
            return admin
                    .listTopics(new ListTopicsOptions().listInternal(false))
                    .names()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .stream()
                    .filter(TopicDiscovery::visible)
                    .sorted()
                    .toList();
        } catch (ExecutionException e) {
            throw failure("cannot list the topics", e.getCause());
        } catch (TimeoutException e) {
            throw failure("cannot list the topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while listing the topics", e);
        }
    }

    static boolean visible(String topic) {
        return !topic.startsWith("_");
    }

    /** What the topic's newest records look like; empty when the topic does not exist. */
    Optional<SchemaInference.Inferred> columns(String topic) throws TopicException {
        Sampled known = sampled.get(topic);
        long now = System.nanoTime();
        if (known != null && now - known.at() < KEEP.toNanos()) {
            return Optional.of(known.inferred());
        }
        Optional<List<byte[]>> values = sample(topic);
        if (values.isEmpty()) {
            sampled.remove(topic);
            return Optional.empty();
        }
        SchemaInference.Inferred inferred = SchemaInference.infer(values.get());
        sampled.put(topic, new Sampled(inferred, now));
        return Optional.of(inferred);
    }

    /** The newest record values of each partition, within the bounds; empty: no such topic. */
    private Optional<List<byte[]>> sample(String topic) throws TopicException {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-topic-sample");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, SAMPLE_RECORDS);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 << 20);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions =
                    consumer.listTopics(TIMEOUT).getOrDefault(topic, List.of());
            if (partitions.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> assigned =
                    partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(assigned, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, TIMEOUT);
            long perPartition = Math.max(1, SAMPLE_RECORDS / assigned.size());
            long expected = 0;
            for (TopicPartition partition : assigned) {
                long from = Math.max(begin.get(partition), end.get(partition) - perPartition);
                consumer.seek(partition, from);
                expected += end.get(partition) - from;
            }
            List<byte[]> values = new ArrayList<>();
            long deadline = System.nanoTime() + SAMPLE_TIME.toNanos();
            while (values.size() < Math.min(expected, SAMPLE_RECORDS)
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(100))) {
                    if (values.size() < SAMPLE_RECORDS) {
                        values.add(record.value());
                    }
                }
            }
            return Optional.of(values);
        } catch (RuntimeException e) {
            throw failure("cannot read a sample of topic '%s'".formatted(topic), e);
        }
    }

    private TopicException failure(String what, Throwable cause) {
        return new TopicException(
                "%s on Kafka at %s: %s"
                        .formatted(what, bootstrap, Failures.innermostMessage(cause)),
                cause);
    }

    @Override
    public void close() {
        admin.close();
    }
}
