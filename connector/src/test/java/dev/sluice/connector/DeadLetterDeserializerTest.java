package dev.sluice.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter deserializer catches what the table's format throws and nothing else: a failure
 * of the operators downstream (which run inside {@code collect}) must fail the job, never turn a
 * good record into a dead letter.
 */
class DeadLetterDeserializerTest {

    private final SimpleCounter skipped = new SimpleCounter();

    @Test
    void aRecordTheFormatCannotDecodeIsCountedNotThrown() throws Exception {
        DeadLetterDeserializer deserializer = skipping(new Format(true));
        List<RowData> out = new ArrayList<>();

        deserializer.deserialize(record("garbage"), collector(out));

        assertThat(out).isEmpty();
        assertThat(skipped.getCount()).isEqualTo(1);
    }

    @Test
    void aGoodRecordPassesThrough() throws Exception {
        DeadLetterDeserializer deserializer = skipping(new Format(false));
        List<RowData> out = new ArrayList<>();

        deserializer.deserialize(record("fine"), collector(out));

        assertThat(out).hasSize(1);
        assertThat(skipped.getCount()).isZero();
    }

    @Test
    void aFailureDownstreamStaysAFailure() throws Exception {
        DeadLetterDeserializer deserializer = skipping(new Format(false));
        IllegalStateException downstream = new IllegalStateException("the sink is down");

        assertThatThrownBy(
                        () ->
                                deserializer.deserialize(
                                        record("fine"),
                                        new Collector<>() {
                                            @Override
                                            public void collect(RowData row) {
                                                throw downstream;
                                            }

                                            @Override
                                            public void close() {}
                                        }))
                .isSameAs(downstream);
        assertThat(skipped.getCount()).isZero();
    }

    private DeadLetterDeserializer skipping(Format format) throws Exception {
        DeadLetterDeserializer deserializer =
                new DeadLetterDeserializer(
                        format,
                        new DeadLetterSettings(
                                DeadLetterSettings.Mode.SKIP,
                                "t.dlq",
                                "c.d.t",
                                "",
                                new Properties()));
        deserializer.open(
                new DeserializationSchema.InitializationContext() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return new UnregisteredMetricsGroup() {
                            @Override
                            public org.apache.flink.metrics.Counter counter(String name) {
                                assertThat(name).isEqualTo(DeadLetterDeserializer.SKIPPED);
                                return skipped;
                            }
                        };
                    }

                    @Override
                    public UserCodeClassLoader getUserCodeClassLoader() {
                        throw new UnsupportedOperationException();
                    }
                });
        return deserializer;
    }

    private static ConsumerRecord<byte[], byte[]> record(String value) {
        return new ConsumerRecord<>("t", 0, 7L, new byte[] {1}, value.getBytes());
    }

    private static Collector<RowData> collector(List<RowData> out) {
        return new Collector<>() {
            @Override
            public void collect(RowData row) {
                out.add(row);
            }

            @Override
            public void close() {}
        };
    }

    /** A format that decodes every record, or fails on every record. */
    private static final class Format implements KafkaRecordDeserializationSchema<RowData> {
        private static final long serialVersionUID = 1L;
        private final boolean fails;

        Format(boolean fails) {
            this.fails = fails;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RowData> out)
                throws IOException {
            if (fails) {
                throw new IOException("Failed to deserialize JSON");
            }
            out.collect(GenericRowData.of(1));
        }

        @Override
        public TypeInformation<RowData> getProducedType() {
            return null;
        }
    }
}
