package dev.sluice.connector;

import dev.sluice.connector.fixture.FixtureSource;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

/**
 * A Kafka table read in a {@code sluice test} run: the run, the topic its records pretend to come
 * from, and where the rowtime sits in its rows (to report records behind the watermark).
 */
record FixtureBinding(String run, String table, String topic, int rowtime, int precision)
        implements Serializable {

    static FixtureBinding of(String run, String topic, DynamicTableFactory.Context context) {
        ResolvedSchema schema = context.getCatalogTable().getResolvedSchema();
        List<Column> physical = schema.getColumns().stream().filter(Column::isPhysical).toList();
        int rowtime = -1;
        int precision = 3;
        if (!schema.getWatermarkSpecs().isEmpty()) {
            String name = schema.getWatermarkSpecs().get(0).getRowtimeAttribute();
            for (int i = 0; i < physical.size(); i++) {
                if (physical.get(i).getName().equals(name)) {
                    rowtime = i;
                    precision =
                            LogicalTypeChecks.getPrecision(
                                    physical.get(i).getDataType().getLogicalType());
                }
            }
        }
        return new FixtureBinding(
                run,
                context.getObjectIdentifier().asSummaryString(),
                topic == null ? context.getObjectIdentifier().getObjectName() : topic,
                rowtime,
                precision);
    }

    FixtureSource source(
            KafkaRecordDeserializationSchema<RowData> formats,
            DeadLetterSettings settings,
            WatermarkStrategy<RowData> watermarks) {
        return new FixtureSource(
                run, table, topic, formats, settings.mode(), watermarks, rowtime, precision);
    }
}
