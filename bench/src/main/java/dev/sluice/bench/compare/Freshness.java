package dev.sluice.bench.compare;

import dev.sluice.cli.generate.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Exactly-once freshness: a pass-through pipeline into an exactly-once Kafka sink, fed at 100
 * records per second; a {@code read_committed} consumer measures, per record, the time from just
 * before the producer sent it to when the consumer received it.
 */
final class Freshness {

    private static final int RATE = 100;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Pattern FIELDS = Pattern.compile("\"id\":(-?\\d+),\"sent_ms\":(\\d+)");

    private Freshness() {}

    /** Latency percentiles in milliseconds over {@code samples} records. */
    record Result(long p50, long p99, long max, int samples) {}

    static Result measure(Side side, String bootstrap, String suffix, int intervalMs, int seconds)
            throws Exception {
        String key = suffix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String inTopic = "fresh-in-" + side.name.replaceAll("[^A-Za-z]", "") + "-" + suffix;
        String outTopic = "fresh-out-" + side.name.replaceAll("[^A-Za-z]", "") + "-" + suffix;
        Topics.ensure(bootstrap, inTopic, BenchServer.StackDefaults.PARALLELISM);
        Topics.ensure(bootstrap, outTopic, BenchServer.StackDefaults.PARALLELISM);
        side.execute(
                "CREATE TABLE fresh_in_%s (id BIGINT, sent_ms BIGINT) WITH ('connector' = 'kafka',"
                                .formatted(key)
                        + " 'topic' = '%s', 'properties.bootstrap.servers' = '%s',"
                                .formatted(inTopic, bootstrap)
                        + " 'scan.startup.mode' = 'earliest-offset', 'format' = 'json')");
        side.execute(
                "CREATE TABLE fresh_out_%s (id BIGINT, sent_ms BIGINT) WITH ('connector' = 'kafka',"
                                .formatted(key)
                        + " 'topic' = '%s', 'properties.bootstrap.servers' = '%s',"
                                .formatted(outTopic, bootstrap)
                        + " 'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once',"
                        + " 'sink.transactional-id-prefix' = '%s',".formatted(outTopic)
                        + " 'properties.transaction.timeout.ms' = '600000')");
        side.execute("SET 'execution.checkpointing.interval' = '%dms'".formatted(intervalMs));
        String job;
        try {
            job =
                    side.execute(
                                    "INSERT INTO fresh_out_%s SELECT id, sent_ms FROM fresh_in_%s"
                                            .formatted(key, key))
                            .orElseThrow();
        } finally {
            side.execute("SET 'execution.checkpointing.interval' = '1s'");
        }
        side.awaitJob(job, Duration.ofMinutes(2), "RUNNING");
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader =
                new Thread(() -> read(bootstrap, outTopic, latencies, seen, stop), "fresh-reader");
        reader.start();
        int measured = seconds * RATE;
        try {
            produce(bootstrap, inTopic, measured);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.stream().filter(id -> id >= 0).count() < measured
                    && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } finally {
            stop.set(true);
            reader.join();
            side.execute("STOP JOB '" + job + "'");
        }
        List<Long> sorted;
        synchronized (latencies) {
            sorted = latencies.stream().sorted().toList();
        }
        if (sorted.size() < measured) {
            throw new IllegalStateException(
                    "%s: %d of %d records arrived".formatted(side.name, sorted.size(), measured));
        }
        return new Result(
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.get(sorted.size() - 1),
                sorted.size());
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** Warm-up records (negative ids) first, then {@code measured} at {@value #RATE} per second. */
    private static void produce(String bootstrap, String topic, int measured) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            long warmUp = WARM_UP.toSeconds() * RATE;
            long period = TimeUnit.SECONDS.toNanos(1) / RATE;
            long next = System.nanoTime();
            for (long i = -warmUp; i < measured; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += period;
                String value = "{\"id\":" + i + ",\"sent_ms\":" + System.currentTimeMillis() + "}";
                producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static void read(
            String bootstrap,
            String topic,
            List<Long> latencies,
            Set<Long> seen,
            AtomicBoolean stop) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = CompareBenchmark.partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(10))) {
                    long now = System.currentTimeMillis();
                    Matcher fields =
                            FIELDS.matcher(new String(record.value(), StandardCharsets.UTF_8));
                    if (fields.find()) {
                        long id = Long.parseLong(fields.group(1));
                        if (id >= 0 && seen.add(id)) {
                            latencies.add(now - Long.parseLong(fields.group(2)));
                        }
                    }
                }
            }
        }
    }
}
