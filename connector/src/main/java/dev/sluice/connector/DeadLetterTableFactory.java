package dev.sluice.connector;

import dev.sluice.connector.fixture.FixtureSink;
import dev.sluice.connector.fixture.Fixtures;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicTableFactory;
import org.apache.flink.streaming.connectors.kafka.table.UpsertKafkaDynamicTableFactory;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * {@code 'connector' = 'sluice-kafka'} and {@code 'sluice-upsert-kafka'}: Flink's {@code kafka} and
 * {@code upsert-kafka} connectors with a dead-letter topic for the records their formats cannot
 * decode. Users never write these names: Sluice's catalog gives a Kafka table one of them when it
 * is read (unless the table says {@code 'sluice.on-error' = 'fail'}), with the options below. Sinks
 * are the Kafka connector's, unchanged.
 */
public abstract class DeadLetterTableFactory
        implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    public static final String KAFKA = "sluice-kafka";
    public static final String UPSERT_KAFKA = "sluice-upsert-kafka";

    public static final ConfigOption<String> MODE =
            ConfigOptions.key("dead-letter.mode")
                    .stringType()
                    .defaultValue("dead-letter")
                    .withDescription(
                            "dead-letter: write undecodable records to the topic; skip: count them only");

    public static final ConfigOption<String> TOPIC =
            ConfigOptions.key("dead-letter.topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("the dead-letter topic; default: the table's topic + '.dlq'");

    public static final ConfigOption<String> PIPELINE =
            ConfigOptions.key("dead-letter.pipeline")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "the pipeline reading the table, for the dead letters' headers");

    /** Set by {@code sluice test}'s catalog only: the table reads and writes that test run. */
    public static final ConfigOption<String> FIXTURE =
            ConfigOptions.key(Fixtures.RUN_OPTION)
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "the sluice test run whose records the table reads and writes");

    private static final Set<String> OWN =
            Set.of(MODE.key(), TOPIC.key(), PIPELINE.key(), FIXTURE.key());

    /** The dead-letter topic of a table that names none: its (first) topic + {@code .dlq}. */
    public static String defaultTopic(String topics, ObjectIdentifier table) {
        if (topics == null || topics.isBlank()) {
            return table.getObjectName() + ".dlq";
        }
        return List.of(topics.split(";")).get(0).strip() + ".dlq";
    }

    private final String identifier;
    private final DynamicTableSourceFactory sources;
    private final DynamicTableSinkFactory sinks;

    private DeadLetterTableFactory(
            String identifier, DynamicTableSourceFactory sources, DynamicTableSinkFactory sinks) {
        this.identifier = identifier;
        this.sources = sources;
        this.sinks = sinks;
    }

    /** {@code sluice-kafka}. */
    public static final class Kafka extends DeadLetterTableFactory {
        public Kafka() {
            this(new KafkaDynamicTableFactory());
        }

        private Kafka(KafkaDynamicTableFactory kafka) {
            super(KAFKA, kafka, kafka);
        }
    }

    /** {@code sluice-upsert-kafka}. */
    public static final class UpsertKafka extends DeadLetterTableFactory {
        public UpsertKafka() {
            this(new UpsertKafkaDynamicTableFactory());
        }

        private UpsertKafka(UpsertKafkaDynamicTableFactory kafka) {
            super(UPSERT_KAFKA, kafka, kafka);
        }
    }

    @Override
    public String factoryIdentifier() {
        return identifier;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return sources.requiredOptions();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new HashSet<>(sources.optionalOptions());
        options.add(MODE);
        options.add(TOPIC);
        options.add(PIPELINE);
        options.add(FIXTURE);
        return options;
    }

    @Override
    public Set<ConfigOption<?>> forwardOptions() {
        return sources.forwardOptions();
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        Map<String, String> options = context.getCatalogTable().getOptions();
        DeadLetterSettings settings =
                new DeadLetterSettings(
                        DeadLetterSettings.Mode.of(
                                options.getOrDefault(MODE.key(), MODE.defaultValue())),
                        options.getOrDefault(
                                TOPIC.key(),
                                defaultTopic(options.get("topic"), context.getObjectIdentifier())),
                        context.getObjectIdentifier().asSummaryString(),
                        options.getOrDefault(PIPELINE.key(), ""),
                        DeadLetterSettings.producerProperties(options));
        DynamicTableSource kafka = sources.createDynamicTableSource(asKafka(context));
        Optional<FixtureBinding> fixture =
                Optional.ofNullable(options.get(FIXTURE.key()))
                        .map(run -> FixtureBinding.of(run, options.get("topic"), context));
        if (settings.mode() == DeadLetterSettings.Mode.FAIL && fixture.isEmpty()) {
            return kafka;
        }
        return new DeadLetterTableSource((ScanTableSource) kafka, settings, fixture);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        DynamicTableSink kafka = sinks.createDynamicTableSink(asKafka(context));
        String run = context.getCatalogTable().getOptions().get(FIXTURE.key());
        if (run == null) {
            return kafka;
        }
        return new FixtureSink(
                kafka,
                run,
                context.getObjectIdentifier().asSummaryString(),
                context.getCatalogTable().getResolvedSchema().toPhysicalRowDataType());
    }

    /** The same table as the Kafka connector knows it: its own connector name, none of ours. */
    private Context asKafka(Context context) {
        Map<String, String> options = new HashMap<>(context.getCatalogTable().getOptions());
        options.keySet().removeAll(OWN);
        options.put(FactoryUtil.CONNECTOR.key(), sources.factoryIdentifier());
        return new FactoryUtil.DefaultDynamicTableContext(
                context.getObjectIdentifier(),
                context.getCatalogTable().copy(options),
                context.getEnrichmentOptions(),
                context.getConfiguration(),
                context.getClassLoader(),
                context.isTemporary());
    }
}
