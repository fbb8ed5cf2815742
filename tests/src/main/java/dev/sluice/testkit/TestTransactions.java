package dev.sluice.testkit;

import dev.sluice.cli.generate.Transaction;
import dev.sluice.cli.generate.TransactionGenerator;
import dev.sluice.cli.generate.TransactionJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Deterministic transaction sets for window tests, and writing them to Kafka. */
public final class TestTransactions {

    public static final LocalDateTime START = LocalDateTime.of(2026, 1, 5, 9, 0);

    private TestTransactions() {}

    /**
     * {@code count} transactions from the seeded generator: 400 ms apart in event time, with fraud
     * bursts, and out of order by up to two seconds (within the tables' 5 s watermark delay).
     */
    public static List<Transaction> generate(long seed, int count, int accounts) {
        TransactionGenerator generator =
                new TransactionGenerator(seed, accounts, 0.02, START, Duration.ofMillis(400));
        List<Transaction> txs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            txs.add(generator.next());
        }
        return List.copyOf(txs);
    }

    /** Whether some transaction comes after a later one: the input really is out of order. */
    public static boolean outOfOrder(List<Transaction> txs) {
        for (int i = 1; i < txs.size(); i++) {
            if (txs.get(i).eventTime().isBefore(txs.get(i - 1).eventTime())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes {@code txs} keyed by account, then one tiny transaction an hour later into every
     * partition: it moves each partition's watermark past every window of {@code txs}, so all of
     * them fire, while its own windows stay open.
     */
    public static void produce(
            KafkaTestClient kafka, String topic, int partitions, List<Transaction> txs) {
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            produceSome(producer, topic, txs);
            produceWatermarkMarkers(producer, topic, partitions, txs);
        }
    }

    /** Writes {@code txs} keyed by account and waits until the broker has them all. */
    public static void produceSome(
            KafkaProducer<byte[], byte[]> producer, String topic, List<Transaction> txs) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (Transaction tx : txs) {
            sends.add(
                    producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    tx.accountId().getBytes(StandardCharsets.UTF_8),
                                    TransactionJson.toJson(tx))));
        }
        producer.flush();
        awaitAll(sends);
    }

    /**
     * One tiny transaction an hour after the last of {@code txs} into every partition: the
     * watermark passes every window of {@code txs}.
     */
    public static void produceWatermarkMarkers(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            int partitions,
            List<Transaction> txs) {
        LocalDateTime last =
                txs.stream()
                        .map(Transaction::eventTime)
                        .max(Comparator.naturalOrder())
                        .orElseThrow();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            Transaction marker =
                    new Transaction(
                            "zz-watermark-" + partition,
                            "none",
                            new BigDecimal("0.01"),
                            "NL",
                            last.plusHours(1));
            sends.add(
                    producer.send(
                            KafkaTestClient.record(
                                    topic,
                                    partition,
                                    marker.accountId(),
                                    TransactionJson.toJson(marker))));
        }
        producer.flush();
        awaitAll(sends);
    }

    private static void awaitAll(List<Future<RecordMetadata>> sends) {
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("test input was not written", e.getCause());
            }
        }
    }
}
