package dev.sluice.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Map;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.types.Row;

/**
 * Values of SQL types as tests write them (JSON) and as Flink produces them (Java objects), made
 * comparable as SQL values: {@code 10500} equals {@code 10500.00} for a DECIMAL, {@code "2026-01-05
 * 09:00"} equals {@code "2026-01-05T09:00:00.000"} for a TIMESTAMP, and JSON {@code null} is NULL.
 */
final class SqlValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** {@code 2026-01-05 09:00:00[.fff]}, with {@code T} or a space, seconds optional. */
    static final DateTimeFormatter TIMESTAMP =
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd")
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .appendPattern("HH:mm")
                    .optionalStart()
                    .appendPattern(":ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .optionalEnd()
                    .toFormatter();

    private SqlValues() {}

    /** Thrown for a JSON value that is not a value of the column's type. */
    static final class NotAValue extends Exception {
        NotAValue(String message) {
            super(message);
        }
    }

    /** A time as tests write it, in Flink's watermark scale: a TIMESTAMP read as UTC, in ms. */
    static long millis(String text) throws NotAValue {
        String trimmed = text.strip();
        try {
            return Instant.parse(trimmed).toEpochMilli();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(trimmed, TIMESTAMP)
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new NotAValue(
                        "'%s' is not a time; write it as 2026-01-05 09:00:00 (or with .SSS)"
                                .formatted(text));
            }
        }
    }

    /**
     * The value a test wrote for a column, as a key that equals the key of the same SQL value from
     * Flink ({@link #key(Object, LogicalType)}).
     */
    static String keyOf(JsonNode json, LogicalType type) throws NotAValue {
        if (json == null || json.isNull()) {
            return "NULL";
        }
        LogicalTypeRoot root = type.getTypeRoot();
        try {
            switch (root) {
                case DECIMAL:
                    return decimal(
                            fits(
                                    json.isNumber()
                                            ? json.decimalValue()
                                            : new BigDecimal(text(json)),
                                    (DecimalType) type));
                case TINYINT:
                case SMALLINT:
                case INTEGER:
                case BIGINT:
                    if (!(json.isIntegralNumber() && json.canConvertToLong())
                            && !json.isTextual()) {
                        throw new NotAValue("%s is not a whole number".formatted(json));
                    }
                    return Long.toString(
                            json.isTextual() ? Long.parseLong(json.asText()) : json.asLong());
                case FLOAT:
                    return Float.toString(
                            (float)
                                    finite(
                                            json.isTextual()
                                                    ? Double.parseDouble(json.asText())
                                                    : json.asDouble()));
                case DOUBLE:
                    return Double.toString(
                            finite(
                                    json.isTextual()
                                            ? Double.parseDouble(json.asText())
                                            : json.asDouble()));
                case BINARY:
                case VARBINARY:
                    return java.util.Base64.getEncoder()
                            .encodeToString(java.util.Base64.getDecoder().decode(text(json)));
                case BOOLEAN:
                    if (!json.isBoolean()) {
                        throw new NotAValue("%s is not true or false".formatted(json));
                    }
                    return Boolean.toString(json.asBoolean());
                case TIMESTAMP_WITHOUT_TIME_ZONE:
                    return LocalDateTime.parse(text(json).strip(), TIMESTAMP).toString();
                case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                    return Instant.ofEpochMilli(millis(text(json))).toString();
                case DATE:
                    return LocalDate.parse(text(json).strip()).toString();
                case TIME_WITHOUT_TIME_ZONE:
                    return LocalTime.parse(text(json).strip()).toString();
                case CHAR:
                case VARCHAR:
                    return JSON.textNode(text(json)).toString();
                default:
                    return json.toString();
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new NotAValue(
                    "%s is not a %s value%s"
                            .formatted(
                                    json,
                                    type.asSummaryString()
                                            .replace(" *ROWTIME*", "")
                                            .replace(" *PROCTIME*", ""),
                                    root == LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE
                                            ? "; write it as 2026-01-05 09:00:00 (or with .SSS)"
                                            : ""));
        }
    }

    /** A decimal the column holds as it is: Flink's JSON format makes one that does not a NULL. */
    private static BigDecimal fits(BigDecimal value, DecimalType type) throws NotAValue {
        if (Math.abs((long) value.scale()) > 1000) {
            throw new NotAValue(
                    "%s has too many digits for a %s".formatted(value, type.asSummaryString()));
        }
        BigDecimal scaled = value.setScale(type.getScale(), java.math.RoundingMode.HALF_UP);
        if (scaled.precision() > type.getPrecision() || scaled.compareTo(value) != 0) {
            throw new NotAValue(
                    "%s does not fit %s".formatted(value.toPlainString(), type.asSummaryString()));
        }
        return value;
    }

    private static double finite(double value) throws NotAValue {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            throw new NotAValue("%s is not a finite number".formatted(value));
        }
        return value;
    }

    private static String text(JsonNode json) throws NotAValue {
        if (!json.isTextual()) {
            throw new NotAValue("%s is not a string".formatted(json));
        }
        return json.asText();
    }

    /** The key of a value Flink produced; see {@link #keyOf(JsonNode, LogicalType)}. */
    static String key(Object value, LogicalType type) {
        if (value == null) {
            return "NULL";
        }
        switch (type.getTypeRoot()) {
            case DECIMAL:
                return decimal((BigDecimal) value);
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return Long.toString(((Number) value).longValue());
            case FLOAT:
                return Float.toString(((Number) value).floatValue());
            case DOUBLE:
                return Double.toString(((Number) value).doubleValue());
            case BINARY:
            case VARBINARY:
                return java.util.Base64.getEncoder().encodeToString((byte[]) value);
            case CHAR:
            case VARCHAR:
                return JSON.textNode(value.toString()).toString();
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case DATE:
            case TIME_WITHOUT_TIME_ZONE:
            case BOOLEAN:
                return value.toString();
            default:
                return toJson(value, type).toString();
        }
    }

    private static String decimal(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** A value Flink produced, as a test would write it. */
    static JsonNode toJson(Object value, LogicalType type) {
        if (value == null) {
            return JSON.nullNode();
        }
        switch (type.getTypeRoot()) {
            case DECIMAL:
                // As Flink produced it: 10500.00, not 1.05E+4.
                return DecimalNode.valueOf((BigDecimal) value);
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return JSON.numberNode(((Number) value).longValue());
            case FLOAT:
            case DOUBLE:
                return JSON.numberNode(((Number) value).doubleValue());
            case BOOLEAN:
                return JSON.booleanNode((Boolean) value);
            case BINARY:
            case VARBINARY:
                return JSON.textNode(java.util.Base64.getEncoder().encodeToString((byte[]) value));
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return JSON.textNode(sqlTimestamp((LocalDateTime) value));
            case ARRAY:
                ArrayNode array = JSON.arrayNode();
                LogicalType element = ((ArrayType) type).getElementType();
                for (Object item : (Object[]) value) {
                    array.add(toJson(item, element));
                }
                return array;
            case MAP:
                ObjectNode map = JSON.objectNode();
                ((Map<?, ?>) value)
                        .forEach((k, v) -> map.put(String.valueOf(k), String.valueOf(v)));
                return map;
            case ROW:
                return JSON.textNode(((Row) value).toString());
            default:
                return JSON.textNode(value.toString());
        }
    }

    /** {@code 2026-01-05 09:00:00}, with as many fraction digits as it has. */
    static String sqlTimestamp(LocalDateTime time) {
        String iso = time.toString().replace('T', ' ');
        return time.getSecond() == 0 && time.getNano() == 0 ? iso + ":00" : iso;
    }
}
