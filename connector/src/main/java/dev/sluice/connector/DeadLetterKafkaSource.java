package dev.sluice.connector;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;

/**
 * Flink's Kafka source with the dead-letter deserializer in place of the table's, and a reader that
 * flushes the dead letters before it takes part in a checkpoint. Everything else — splits, offsets,
 * the enumerator, its state — is the Kafka source's own, so savepoints stay compatible.
 */
final class DeadLetterKafkaSource
        implements Source<RowData, KafkaPartitionSplit, KafkaSourceEnumState>,
                ResultTypeQueryable<RowData> {

    private static final long serialVersionUID = 1L;

    private final KafkaSource<RowData> kafka;
    private final DeadLetterDeserializer deserializer;

    private DeadLetterKafkaSource(KafkaSource<RowData> kafka, DeadLetterDeserializer deserializer) {
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.deserializer = requireNonNull(deserializer, "deserializer is null");
    }

    /**
     * Puts the dead-letter deserializer into {@code kafka}. The Kafka source builds its reader from
     * a private field and offers no way to wrap it; the field is set once, before the source is
     * serialized into the job (the job then carries this source and the same deserializer).
     */
    /** The table's own deserializer of {@code kafka}: its key and value formats. */
    @SuppressWarnings("unchecked")
    static KafkaRecordDeserializationSchema<RowData> formats(KafkaSource<RowData> kafka) {
        try {
            Field field = KafkaSource.class.getDeclaredField("deserializationSchema");
            field.setAccessible(true);
            return (KafkaRecordDeserializationSchema<RowData>) field.get(kafka);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "this Kafka connector's source does not show its deserializer"
                            + " (a connector version Sluice does not know?): "
                            + e,
                    e);
        }
    }

    @SuppressWarnings("unchecked")
    static DeadLetterKafkaSource wrap(KafkaSource<RowData> kafka, DeadLetterSettings settings) {
        try {
            Field field = KafkaSource.class.getDeclaredField("deserializationSchema");
            field.setAccessible(true);
            KafkaRecordDeserializationSchema<RowData> table =
                    (KafkaRecordDeserializationSchema<RowData>) field.get(kafka);
            DeadLetterDeserializer deserializer = new DeadLetterDeserializer(table, settings);
            field.set(kafka, deserializer);
            return new DeadLetterKafkaSource(kafka, deserializer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "this Kafka connector's source cannot take Sluice's dead-letter deserializer"
                            + " (a connector version Sluice does not know?): "
                            + e,
                    e);
        }
    }

    @Override
    public Boundedness getBoundedness() {
        return kafka.getBoundedness();
    }

    @Override
    public SourceReader<RowData, KafkaPartitionSplit> createReader(SourceReaderContext context)
            throws Exception {
        return new FlushingReader(kafka.createReader(context), deserializer);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context) {
        return kafka.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState state)
            throws Exception {
        return kafka.restoreEnumerator(context, state);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return kafka.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return kafka.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return kafka.getProducedType();
    }

    /** The Kafka reader, flushing dead letters first on every checkpoint. */
    // Closed by Flink's source operator, which handles interruption; never in a try.
    @SuppressWarnings("try")
    private static final class FlushingReader
            implements SourceReader<RowData, KafkaPartitionSplit> {
        private final SourceReader<RowData, KafkaPartitionSplit> kafka;
        private final DeadLetterDeserializer deserializer;

        FlushingReader(
                SourceReader<RowData, KafkaPartitionSplit> kafka,
                DeadLetterDeserializer deserializer) {
            this.kafka = kafka;
            this.deserializer = deserializer;
        }

        @Override
        public void start() {
            kafka.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<RowData> output) throws Exception {
            return kafka.pollNext(output);
        }

        @Override
        public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
            try {
                deserializer.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return kafka.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return kafka.isAvailable();
        }

        @Override
        public void addSplits(List<KafkaPartitionSplit> splits) {
            kafka.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            kafka.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            kafka.handleSourceEvents(event);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            kafka.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            kafka.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void pauseOrResumeSplits(
                Collection<String> splitsToPause, Collection<String> splitsToResume) {
            kafka.pauseOrResumeSplits(splitsToPause, splitsToResume);
        }

        @Override
        public void close() throws Exception {
            try {
                deserializer.close();
            } finally {
                kafka.close();
            }
        }
    }
}
