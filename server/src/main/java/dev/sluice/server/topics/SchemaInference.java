package dev.sluice.server.topics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/**
 * The columns of a topic nobody declared, from a sample of its record values: JSON objects become
 * typed columns (nested objects ROW, arrays ARRAY, whole numbers BIGINT, other numbers DOUBLE), a
 * field whose records disagree becomes STRING, and a topic whose records are mostly not JSON
 * objects (or that has none) is read as raw bytes. Bounded: nesting deeper than {@link #MAX_DEPTH}
 * and objects wider than {@link #MAX_FIELDS} are read as STRING.
 */
final class SchemaInference {

    static final int MAX_DEPTH = 8;
    static final int MAX_FIELDS = 500;

    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .build();

    static {
        JSON.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder()
                                .maxNestingDepth(64)
                                .maxStringLength(1 << 20)
                                .maxNumberLength(100)
                                .build());
    }

    /** What a sample says of a topic's values. */
    sealed interface Inferred {}

    /** Values are JSON objects with these columns, in the order first seen. */
    record JsonColumns(Map<String, DataType> columns) implements Inferred {}

    /** Values are read as they are, in one BYTES column. */
    record RawBytes() implements Inferred {}

    private SchemaInference() {}

    static Inferred infer(List<byte[]> values) {
        Shape merged = null;
        int objects = 0;
        int nonNull = 0;
        for (byte[] value : values) {
            if (value == null) {
                continue;
            }
            nonNull++;
            Optional<JsonNode> node = parse(value);
            if (node.isEmpty() || !node.get().isObject()) {
                continue;
            }
            objects++;
            Shape shape = shapeOf(node.get(), 0);
            merged = merged == null ? shape : merged.merge(shape);
        }
        if (merged == null || objects * 2 < nonNull || merged.fields.isEmpty()) {
            return new RawBytes();
        }
        Map<String, DataType> columns = new LinkedHashMap<>();
        merged.fields.forEach((name, shape) -> columns.put(name, shape.toDataType()));
        return new JsonColumns(columns);
    }

    private static Optional<JsonNode> parse(byte[] value) {
        try {
            return Optional.ofNullable(JSON.readTree(value));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private enum Kind {
        NULL,
        BOOLEAN,
        BIGINT,
        DOUBLE,
        STRING,
        ROW,
        ARRAY
    }

    /** The type of one JSON value, merged over records. */
    private static final class Shape {
        final Kind kind;
        final Map<String, Shape> fields;
        final Shape element;

        Shape(Kind kind, Map<String, Shape> fields, Shape element) {
            this.kind = kind;
            this.fields = fields;
            this.element = element;
        }

        static Shape of(Kind kind) {
            return new Shape(kind, Map.of(), null);
        }

        Shape merge(Shape other) {
            if (kind == Kind.NULL) {
                return other;
            }
            if (other.kind == Kind.NULL) {
                return this;
            }
            if (kind != other.kind) {
                boolean numbers =
                        (kind == Kind.BIGINT || kind == Kind.DOUBLE)
                                && (other.kind == Kind.BIGINT || other.kind == Kind.DOUBLE);
                return of(numbers ? Kind.DOUBLE : Kind.STRING);
            }
            if (kind == Kind.ROW) {
                Map<String, Shape> union = new LinkedHashMap<>(fields);
                other.fields.forEach((name, shape) -> union.merge(name, shape, Shape::merge));
                return union.size() > MAX_FIELDS
                        ? of(Kind.STRING)
                        : new Shape(Kind.ROW, union, null);
            }
            if (kind == Kind.ARRAY) {
                return new Shape(Kind.ARRAY, Map.of(), element.merge(other.element));
            }
            return this;
        }

        DataType toDataType() {
            return switch (kind) {
                case BOOLEAN -> DataTypes.BOOLEAN();
                case BIGINT -> DataTypes.BIGINT();
                case DOUBLE -> DataTypes.DOUBLE();
                case ROW -> {
                    List<DataTypes.Field> rowFields = new ArrayList<>();
                    fields.forEach(
                            (name, shape) ->
                                    rowFields.add(DataTypes.FIELD(name, shape.toDataType())));
                    yield DataTypes.ROW(rowFields.toArray(DataTypes.Field[]::new));
                }
                case ARRAY -> DataTypes.ARRAY(element.toDataType());
                default -> DataTypes.STRING();
            };
        }
    }

    private static Shape shapeOf(JsonNode node, int depth) {
        if (node.isNull() || node.isMissingNode()) {
            return Shape.of(Kind.NULL);
        }
        if (node.isBoolean()) {
            return Shape.of(Kind.BOOLEAN);
        }
        if (node.isIntegralNumber()) {
            return Shape.of(node.canConvertToLong() ? Kind.BIGINT : Kind.DOUBLE);
        }
        if (node.isNumber()) {
            return Shape.of(Kind.DOUBLE);
        }
        if (depth >= MAX_DEPTH) {
            return Shape.of(Kind.STRING);
        }
        if (node.isObject()) {
            if (node.size() > MAX_FIELDS) {
                return Shape.of(Kind.STRING);
            }
            Map<String, Shape> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getKey().isEmpty()) {
                    fields.put(field.getKey(), shapeOf(field.getValue(), depth + 1));
                }
            }
            if (fields.isEmpty()) {
                return Shape.of(Kind.STRING);
            }
            return new Shape(Kind.ROW, fields, null);
        }
        if (node.isArray()) {
            Shape element = Shape.of(Kind.NULL);
            for (JsonNode item : node) {
                element = element.merge(shapeOf(item, depth + 1));
            }
            return new Shape(Kind.ARRAY, Map.of(), element);
        }
        return Shape.of(Kind.STRING);
    }
}
