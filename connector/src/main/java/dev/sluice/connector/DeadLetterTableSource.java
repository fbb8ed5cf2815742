package dev.sluice.connector;

import static java.util.Objects.requireNonNull;

import dev.sluice.connector.fixture.FixtureSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/**
 * A Kafka table's source, as Flink's Kafka connector builds it, whose records go through the
 * dead-letter deserializer. Every ability the planner uses (metadata columns, watermark push-down)
 * is the Kafka source's own; only the source it finally creates is wrapped.
 */
final class DeadLetterTableSource
        implements ScanTableSource, SupportsReadingMetadata, SupportsWatermarkPushDown {

    private final ScanTableSource kafka;
    private final DeadLetterSettings settings;
    private final Optional<FixtureBinding> fixture;

    /**
     * @param fixture in a {@code sluice test} run: the run whose records replace the topic's
     */
    DeadLetterTableSource(
            ScanTableSource kafka, DeadLetterSettings settings, Optional<FixtureBinding> fixture) {
        if (!(kafka instanceof SupportsReadingMetadata)
                || !(kafka instanceof SupportsWatermarkPushDown)) {
            throw new IllegalStateException(
                    "unexpected Kafka table source " + kafka.getClass().getName());
        }
        this.kafka = kafka;
        this.settings = requireNonNull(settings, "settings is null");
        this.fixture = requireNonNull(fixture, "fixture is null");
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return kafka.getChangelogMode();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        ScanRuntimeProvider provider = kafka.getScanRuntimeProvider(context);
        if (!(provider instanceof DataStreamScanProvider streams)) {
            throw new IllegalStateException(
                    "unexpected Kafka scan provider " + provider.getClass().getName());
        }
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(
                    ProviderContext providerContext, StreamExecutionEnvironment environment) {
                return streams.produceDataStream(
                        providerContext, new Intercepting(environment, settings, fixture));
            }

            @Override
            public boolean isBounded() {
                return streams.isBounded();
            }
        };
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        return ((SupportsReadingMetadata) kafka).listReadableMetadata();
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
        ((SupportsReadingMetadata) kafka).applyReadableMetadata(metadataKeys, producedDataType);
    }

    @Override
    public boolean supportsMetadataProjection() {
        return ((SupportsReadingMetadata) kafka).supportsMetadataProjection();
    }

    @Override
    public void applyWatermark(WatermarkStrategy<RowData> watermarkStrategy) {
        ((SupportsWatermarkPushDown) kafka).applyWatermark(watermarkStrategy);
    }

    @Override
    public DynamicTableSource copy() {
        return new DeadLetterTableSource((ScanTableSource) kafka.copy(), settings, fixture);
    }

    @Override
    public String asSummaryString() {
        return kafka.asSummaryString() + " with dead letters to " + settings.topic();
    }

    /**
     * The planner's environment, except that the Kafka source the connector creates on it is
     * wrapped first. Nothing else is asked of this environment: the stream it returns belongs to
     * the planner's.
     */
    // Never closed, and never run: it only hands the planner's environment a wrapped source.
    @SuppressWarnings("try")
    private static final class Intercepting extends StreamExecutionEnvironment {
        private final StreamExecutionEnvironment planner;
        private final DeadLetterSettings settings;
        private final Optional<FixtureBinding> fixture;

        Intercepting(
                StreamExecutionEnvironment planner,
                DeadLetterSettings settings,
                Optional<FixtureBinding> fixture) {
            super(new Configuration());
            this.planner = planner;
            this.settings = settings;
            this.fixture = fixture;
        }

        @Override
        public <OUT> DataStreamSource<OUT> fromSource(
                Source<OUT, ?, ?> source, WatermarkStrategy<OUT> watermarks, String name) {
            return planner.fromSource(wrap(source, watermarks), strategy(watermarks), name);
        }

        @Override
        public <OUT> DataStreamSource<OUT> fromSource(
                Source<OUT, ?, ?> source,
                WatermarkStrategy<OUT> watermarks,
                String name,
                TypeInformation<OUT> type) {
            return planner.fromSource(wrap(source, watermarks), strategy(watermarks), name, type);
        }

        /** A test run's source computes the table's watermarks itself, record by record. */
        @SuppressWarnings("unchecked")
        private <OUT> WatermarkStrategy<OUT> strategy(WatermarkStrategy<OUT> watermarks) {
            return fixture.isPresent()
                    ? (WatermarkStrategy<OUT>)
                            (WatermarkStrategy<?>) FixtureSource.sourceEmitsWatermarks()
                    : watermarks;
        }

        @SuppressWarnings("unchecked")
        private <OUT> Source<OUT, ?, ?> wrap(
                Source<OUT, ?, ?> source, WatermarkStrategy<OUT> watermarks) {
            if (!(source instanceof KafkaSource<?> kafka)) {
                throw new IllegalStateException(
                        "unexpected source of a Kafka table: " + source.getClass().getName());
            }
            if (fixture.isPresent()) {
                return (Source<OUT, ?, ?>)
                        (Source<?, ?, ?>)
                                fixture.get()
                                        .source(
                                                DeadLetterKafkaSource.formats(
                                                        (KafkaSource<RowData>) kafka),
                                                settings,
                                                (WatermarkStrategy<RowData>)
                                                        (WatermarkStrategy<?>) watermarks);
            }
            return (Source<OUT, ?, ?>)
                    (Source<?, ?, ?>)
                            DeadLetterKafkaSource.wrap((KafkaSource<RowData>) kafka, settings);
        }
    }
}
