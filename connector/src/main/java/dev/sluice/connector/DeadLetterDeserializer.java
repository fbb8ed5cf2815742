package dev.sluice.connector;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The table's own deserializer, with one difference: a record its key or value format cannot decode
 * is not a job failure. It is counted ({@value #DEAD_LETTERED} or {@value #SKIPPED}) and, unless
 * the table skips them, written to the dead-letter topic with its key and value bytes as they were
 * and headers that say where it came from and why. Failures of the operators downstream (which run
 * inside {@code collect}) stay failures: only the format's own errors are caught.
 *
 * <p>Writes are asynchronous; {@link #flush} waits for all of them and is called before the source
 * takes part in a checkpoint, so a checkpoint that covers a record's offset never completes before
 * its dead letter is in Kafka. After a failover a dead letter may be written again: each carries
 * its source coordinates, by which {@code sluice dlq} shows it once.
 */
final class DeadLetterDeserializer implements KafkaRecordDeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    static final String DEAD_LETTERED = "deadLetteredRecords";
    static final String SKIPPED = "skippedBadRecords";

    /** Header names; documented in the README. */
    static final String SOURCE_TOPIC = "sluice.source.topic";

    static final String SOURCE_PARTITION = "sluice.source.partition";
    static final String SOURCE_OFFSET = "sluice.source.offset";
    static final String SOURCE_TIMESTAMP = "sluice.source.timestamp";
    static final String TABLE = "sluice.table";
    static final String PIPELINE = "sluice.pipeline";
    static final String ERROR_CLASS = "sluice.error.class";
    static final String ERROR_MESSAGE = "sluice.error.message";

    private static final int MAX_MESSAGE = 1024;

    private final KafkaRecordDeserializationSchema<RowData> table;
    private final DeadLetterSettings settings;

    private transient Counter bad;
    private transient KafkaProducer<byte[], byte[]> producer;
    private transient AtomicReference<Exception> failure;

    /** The reader passes the same collector every time: wrapped once, not once per record. */
    private transient Downstream downstream;

    DeadLetterDeserializer(
            KafkaRecordDeserializationSchema<RowData> table, DeadLetterSettings settings) {
        this.table = requireNonNull(table, "table is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        table.open(context);
        boolean deadLetter = settings.mode() == DeadLetterSettings.Mode.DEAD_LETTER;
        bad = context.getMetricGroup().counter(deadLetter ? DEAD_LETTERED : SKIPPED);
        failure = new AtomicReference<>();
        if (deadLetter) {
            java.util.Properties config = new java.util.Properties();
            config.putAll(settings.producer());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-dead-letters-" + settings.topic());
            producer =
                    new KafkaProducer<>(
                            config, new ByteArraySerializer(), new ByteArraySerializer());
        }
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RowData> out)
            throws IOException {
        if (downstream == null || downstream.out != out) {
            downstream = new Downstream(out);
        }
        try {
            table.deserialize(record, downstream);
        } catch (DownstreamFailure e) {
            throw e.failure;
        } catch (IOException | RuntimeException e) {
            bad.inc();
            if (producer != null) {
                deadLetter(record, e);
            }
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error)
            throws IOException {
        failIfAWriteFailed();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(SOURCE_TOPIC, utf8(record.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(SOURCE_TIMESTAMP, utf8(Long.toString(record.timestamp())));
        headers.add(TABLE, utf8(settings.table()));
        headers.add(PIPELINE, utf8(settings.pipeline()));
        Throwable cause = rootCause(error);
        headers.add(ERROR_CLASS, utf8(cause.getClass().getName()));
        headers.add(ERROR_MESSAGE, utf8(message(error)));
        producer.send(
                new ProducerRecord<>(
                        settings.topic(), null, null, record.key(), record.value(), headers),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    /** Waits until every dead letter written so far is in Kafka; fails if one could not be. */
    void flush() throws IOException {
        if (producer != null) {
            producer.flush();
            failIfAWriteFailed();
        }
    }

    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }

    private void failIfAWriteFailed() throws IOException {
        Exception e = failure.get();
        if (e != null) {
            throw new IOException(
                    "cannot write to dead-letter topic '%s' of table %s: %s"
                            .formatted(settings.topic(), settings.table(), e.getMessage()),
                    e);
        }
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return table.getProducedType();
    }

    /** The whole chain of messages, bounded: formats wrap the parser's reason in their own. */
    private static String message(Throwable error) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                message.append(message.isEmpty() ? "" : ": ").append(t.getMessage());
            }
        }
        String text = message.toString().replaceAll("[\\r\\n\\t]+", " ");
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Rows on their way to the operators downstream: what fails there is not the record's fault.
     */
    private static final class Downstream implements Collector<RowData> {
        private final Collector<RowData> out;

        Downstream(Collector<RowData> out) {
            this.out = out;
        }

        @Override
        public void collect(RowData row) {
            try {
                out.collect(row);
            } catch (RuntimeException e) {
                throw new DownstreamFailure(e);
            }
        }

        @Override
        public void close() {
            out.close();
        }
    }

    private static final class DownstreamFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final RuntimeException failure;

        DownstreamFailure(RuntimeException failure) {
            super(failure);
            this.failure = failure;
        }
    }
}
