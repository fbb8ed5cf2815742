package dev.sluice.testkit;

import dev.sluice.cli.generate.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for tests: topics, producing, and reading as downstream consumers do. */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;

    public KafkaTestClient(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** A topic name no other test uses. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a topic and waits until every partition has a leader, so that sends succeed. */
    public void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        Topics.awaitLeaders(admin, topic, Duration.ofSeconds(30));
    }

    /** The partitions of an existing topic, e.g. one a table created. */
    public int partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .size();
    }

    /** The offsets a consumer group has committed, summed over the partitions of a topic. */
    public long committedOffsets(String group, String topic) throws Exception {
        return admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    public Set<String> topics() throws Exception {
        return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }

    /** Transactional ids the broker knows, e.g. those of Flink's exactly-once Kafka sinks. */
    public Set<String> transactionalIds() throws Exception {
        return admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                .map(TransactionListing::transactionalId)
                .collect(Collectors.toSet());
    }

    public KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        // One batch in flight: a retried first batch cannot leave later ones
                        // waiting behind a sequence gap.
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        1),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Sends {@code value} to one partition, whatever its key. */
    public static ProducerRecord<byte[], byte[]> record(
            String topic, int partition, String key, byte[] value) {
        return new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** A consumer that reads committed records only, from the start of every partition. */
    public Reader readCommitted(String topic) {
        return new Reader(topic, "read_committed");
    }

    public Reader readUncommitted(String topic) {
        return new Reader(topic, "read_uncommitted");
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }

    /** Accumulates every value of a topic across polls. */
    public final class Reader implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String topic;
        private final List<String> values = new ArrayList<>();

        private Reader(String topic, String isolation) {
            consumer =
                    new KafkaConsumer<>(
                            Map.of(
                                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                            new ByteArrayDeserializer(),
                            new ByteArrayDeserializer());
            this.topic = topic;
        }

        /** Polls once and returns everything read so far; a missing topic reads as empty. */
        public List<String> poll() {
            if (consumer.assignment().isEmpty()) {
                List<TopicPartition> partitions =
                        consumer
                                .listTopics(Duration.ofSeconds(10))
                                .getOrDefault(topic, List.of())
                                .stream()
                                .map(p -> new TopicPartition(topic, p.partition()))
                                .toList();
                if (partitions.isEmpty()) {
                    return List.of();
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(new String(record.value(), StandardCharsets.UTF_8));
            }
            return List.copyOf(values);
        }

        @Override
        public void close() {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }
}
