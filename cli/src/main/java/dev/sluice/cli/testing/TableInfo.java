package dev.sluice.cli.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ContextResolvedTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.types.logical.LogicalType;

/** What a test needs to know of a table: its columns, its formats and its key. */
record TableInfo(
        String name,
        String qualified,
        List<String> columns,
        List<LogicalType> types,
        Map<String, String> options,
        List<String> primaryKey) {

    static TableInfo of(ContextResolvedTable table) {
        ObjectIdentifier id = table.getIdentifier();
        List<Column> physical =
                table.getResolvedSchema().getColumns().stream().filter(Column::isPhysical).toList();
        return new TableInfo(
                id.getObjectName(),
                id.asSummaryString(),
                physical.stream().map(Column::getName).toList(),
                physical.stream().map(c -> c.getDataType().getLogicalType()).toList(),
                table.getResolvedTable().getOptions(),
                table.getResolvedSchema()
                        .getPrimaryKey()
                        .map(UniqueConstraint::getColumns)
                        .orElse(List.of()));
    }

    Optional<LogicalType> type(String column) {
        int i = columns.indexOf(column);
        return i < 0 ? Optional.empty() : Optional.of(types.get(i));
    }

    boolean upsert() {
        return options.getOrDefault("connector", "").contains("upsert-kafka");
    }

    String valueFormat() {
        return options.getOrDefault("value.format", options.getOrDefault("format", ""));
    }

    Optional<String> keyFormat() {
        return Optional.ofNullable(options.get("key.format"));
    }

    /** The columns the Kafka key holds: the primary key of an upsert table, else key.fields. */
    List<String> keyColumns() {
        if (upsert()) {
            return primaryKey;
        }
        String fields = options.get("key.fields");
        return fields == null || fields.isBlank() ? List.of() : List.of(fields.split(";"));
    }

    boolean valueHoldsKey() {
        return !"EXCEPT_KEY".equalsIgnoreCase(options.getOrDefault("value.fields-include", "ALL"));
    }
}
