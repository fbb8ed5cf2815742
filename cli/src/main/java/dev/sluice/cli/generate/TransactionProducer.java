package dev.sluice.cli.generate;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends generated transactions to Kafka at a steady rate, keyed by account. */
public final class TransactionProducer implements AutoCloseable {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public TransactionProducer(String bootstrapServers, String topic) {
        this.topic = requireNonNull(topic, "topic is null");
        this.producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.LINGER_MS_CONFIG,
                                5,
                                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                30_000),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
    }

    public void send(Transaction tx) {
        producer.send(
                new ProducerRecord<>(
                        topic,
                        tx.accountId().getBytes(StandardCharsets.UTF_8),
                        TransactionJson.toJson(tx)));
    }

    /**
     * Sends {@code count} transactions ({@code Long.MAX_VALUE} for no end) at {@code rate} per
     * second until done, {@code stopped} says so, or the thread is interrupted, reporting the
     * running total to {@code progress} every {@code progressEvery}.
     *
     * @return how many were sent
     */
    public long run(
            TransactionGenerator generator,
            double rate,
            long count,
            Duration progressEvery,
            LongConsumer progress,
            BooleanSupplier stopped) {
        long startNanos = System.nanoTime();
        long nextReport = startNanos + progressEvery.toNanos();
        long sent = 0;
        while (sent < count && !stopped.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            long due = Math.min(count, (long) ((now - startNanos) / 1e9 * rate) + 1);
            for (; sent < due; sent++) {
                send(generator.next());
            }
            if (now >= nextReport) {
                progress.accept(sent);
                nextReport += progressEvery.toNanos();
            }
            if (sent < count) {
                pause();
            }
        }
        producer.flush();
        return sent;
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private static void pause() {
        try {
            TimeUnit.NANOSECONDS.sleep(TICK_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
