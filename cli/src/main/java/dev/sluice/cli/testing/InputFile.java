package dev.sluice.cli.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.connector.fixture.FixtureRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One source table's input: a JSON object per line, in the order the table's topic would hold them.
 * Blank lines and lines starting with {@code #} are ignored.
 *
 * <ul>
 *   <li>{@code {"account_id": "a1", "amount": 12.50, "event_time": "2026-01-05 09:00:00"}}: a row
 *       of the table, encoded by its formats (key columns go into the Kafka key);
 *   <li>{@code {"$watermark": "2026-01-05 09:20:00"}}: the watermark moves to that event time here,
 *       so that older records after this line arrive late;
 *   <li>{@code {"$value": "not json", "$key": "k", "$timestamp": "2026-01-05 09:00:00",
 *       "$partition": 0, "$headers": {"h": "v"}}}: a record as bytes (a string is its UTF-8, {@code
 *       "$value_base64"} any bytes, an object a row as above), for records the table cannot decode
 *       and for Kafka timestamps, partitions and headers.
 * </ul>
 */
final class InputFile {

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final Set<String> ENVELOPE =
            Set.of("$key", "$value", "$value_base64", "$timestamp", "$partition", "$headers");

    private static final java.time.format.DateTimeFormatter SQL = writer(' ');
    private static final java.time.format.DateTimeFormatter ISO = writer('T');

    private InputFile() {}

    /** Seconds always, a fraction only when there is one: what Flink's JSON format reads. */
    private static java.time.format.DateTimeFormatter writer(char separator) {
        return new java.time.format.DateTimeFormatterBuilder()
                .appendPattern("uuuu-MM-dd")
                .appendLiteral(separator)
                .appendPattern("HH:mm:ss")
                .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true)
                .toFormatter();
    }

    static List<FixtureRecord> read(String file, String text, TableInfo table)
            throws FixtureException {
        List<FixtureRecord> records = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = file + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new FixtureException(
                        where,
                        "not a JSON object: " + e.getOriginalMessage(),
                        "write one record per line as {\"column\": value, …}, or {\"$value\": \"raw text\"} for bytes the table cannot decode");
            }
            if (!json.isObject()) {
                throw new FixtureException(
                        where, "not a JSON object", "write {\"column\": value, …}");
            }
            records.add(record(where, (ObjectNode) json, table));
        }
        return records;
    }

    private static FixtureRecord record(String where, ObjectNode json, TableInfo table)
            throws FixtureException {
        if (json.has("$watermark")) {
            if (json.size() != 1) {
                throw new FixtureException(
                        where,
                        "a $watermark line holds nothing else",
                        "put the record on its own line");
            }
            return FixtureRecord.watermark(
                    where, time(where, json.get("$watermark"), "$watermark"));
        }
        boolean envelope = false;
        String column = null;
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.startsWith("$")) {
                column = name;
            } else {
                if (!ENVELOPE.contains(name)) {
                    throw new FixtureException(
                            where,
                            "unknown field '%s'".formatted(name),
                            "use $key, $value, $value_base64, $timestamp, $partition, $headers or $watermark");
                }
                envelope = true;
            }
        }
        if (!envelope) {
            return fromRow(where, json, table, null, 0, 0, Map.of());
        }
        if (column != null) {
            throw new FixtureException(
                    where,
                    "'%s' next to $ fields: with $key, $timestamp, … the row goes in $value"
                            .formatted(column),
                    "write {\"$timestamp\": …, \"$value\": {\"%s\": …}}".formatted(column));
        }
        long timestamp =
                json.has("$timestamp") ? time(where, json.get("$timestamp"), "$timestamp") : 0;
        JsonNode partitionField = json.path("$partition");
        if (!partitionField.isMissingNode()
                && !(partitionField.isIntegralNumber()
                        && partitionField.canConvertToInt()
                        && partitionField.asInt() >= 0)) {
            throw new FixtureException(
                    where, "$partition is " + partitionField, "give a partition number: 0, 1, …");
        }
        int partition = partitionField.asInt(0);
        if (json.has("$headers") && !json.get("$headers").isObject()) {
            throw new FixtureException(
                    where,
                    "$headers is not an object",
                    "write {\"$headers\": {\"name\": \"value\"}}");
        }
        Map<String, byte[]> headers = new LinkedHashMap<>();
        json.path("$headers")
                .properties()
                .forEach(
                        h ->
                                headers.put(
                                        h.getKey(),
                                        h.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        byte[] key =
                json.has("$key") && !json.get("$key").isNull() ? bytes(json.get("$key")) : null;
        JsonNode value = json.get("$value");
        if (value != null && value.isObject()) {
            return fromRow(where, (ObjectNode) value, table, key, timestamp, partition, headers);
        }
        byte[] bytes;
        if (json.has("$value_base64")) {
            try {
                bytes = Base64.getDecoder().decode(json.get("$value_base64").asText());
            } catch (IllegalArgumentException e) {
                throw new FixtureException(
                        where, "$value_base64 is not base64: " + e.getMessage(), "");
            }
        } else {
            // "$value": null (or none) is a tombstone: an upsert table's delete.
            bytes = value == null || value.isNull() ? null : bytes(value);
        }
        return FixtureRecord.record(where, key, bytes, timestamp, partition, headers);
    }

    /** A row of the table, encoded as its JSON formats would read it. */
    private static FixtureRecord fromRow(
            String where,
            ObjectNode row,
            TableInfo table,
            byte[] key,
            long timestamp,
            int partition,
            Map<String, byte[]> headers)
            throws FixtureException {
        for (Map.Entry<String, JsonNode> field : row.properties()) {
            var type = table.type(field.getKey());
            if (type.isEmpty()) {
                throw new FixtureException(
                        where,
                        "column '%s' is not in table %s (columns: %s)"
                                .formatted(
                                        field.getKey(),
                                        table.name(),
                                        String.join(", ", table.columns())),
                        "fix the name, or give the bytes as {\"$value\": \"…\"} to test a record the table cannot decode");
            }
            try {
                SqlValues.keyOf(field.getValue(), type.get());
            } catch (SqlValues.NotAValue e) {
                throw new FixtureException(
                        where,
                        "column '%s': %s".formatted(field.getKey(), e.getMessage()),
                        "to test a record the table cannot decode, give its bytes as {\"$value\": \"…\"}");
            }
        }
        if (!table.valueFormat().equals("json")) {
            throw new FixtureException(
                    where,
                    "table %s's values are %s, not JSON"
                            .formatted(table.name(), table.valueFormat()),
                    "give each record's bytes as {\"$value\": \"…\"}");
        }
        List<String> keyColumns = table.keyColumns();
        if (key == null && !keyColumns.isEmpty()) {
            key = key(where, row, table, keyColumns);
        }
        ObjectNode value =
                encoded(
                        row,
                        table,
                        table.options()
                                .getOrDefault(
                                        "value.json.timestamp-format.standard",
                                        table.options()
                                                .getOrDefault(
                                                        "json.timestamp-format.standard", "SQL")));
        if (!table.valueHoldsKey()) {
            value.remove(keyColumns);
        }
        try {
            return FixtureRecord.record(
                    where, key, JSON.writeValueAsBytes(value), timestamp, partition, headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The row with its times written as Flink's JSON format reads them: {@code SQL} style ({@code
     * 2026-01-05 09:00:00.000}, LTZ with a {@code Z}) or {@code ISO-8601}.
     */
    private static ObjectNode encoded(ObjectNode row, TableInfo table, String standard) {
        ObjectNode value = row.deepCopy();
        boolean iso = standard.equalsIgnoreCase("ISO-8601");
        for (Map.Entry<String, JsonNode> field : row.properties()) {
            if (!field.getValue().isTextual()) {
                continue;
            }
            var root = table.type(field.getKey()).orElseThrow().getTypeRoot();
            try {
                if (root
                        == org.apache.flink.table.types.logical.LogicalTypeRoot
                                .TIMESTAMP_WITHOUT_TIME_ZONE) {
                    java.time.LocalDateTime time =
                            java.time.LocalDateTime.parse(
                                    field.getValue().asText().strip(), SqlValues.TIMESTAMP);
                    value.put(field.getKey(), (iso ? ISO : SQL).format(time));
                } else if (root
                        == org.apache.flink.table.types.logical.LogicalTypeRoot
                                .TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                    java.time.LocalDateTime time =
                            java.time.LocalDateTime.ofInstant(
                                    java.time.Instant.ofEpochMilli(
                                            SqlValues.millis(field.getValue().asText())),
                                    java.time.ZoneOffset.UTC);
                    value.put(field.getKey(), ((iso ? ISO : SQL).format(time)) + "Z");
                }
            } catch (SqlValues.NotAValue | java.time.format.DateTimeParseException checkedBefore) {
                // keyOf accepted it: left as written
            }
        }
        return value;
    }

    private static byte[] key(String where, ObjectNode row, TableInfo table, List<String> columns)
            throws FixtureException {
        String format = table.keyFormat().orElse("");
        for (String column : columns) {
            if (!row.has(column) || row.get(column).isNull()) {
                throw new FixtureException(
                        where,
                        "the row has no '%s', a column of table %s's Kafka key"
                                .formatted(column, table.name()),
                        "give it, or the key's bytes as {\"$key\": \"…\", \"$value\": {…}}");
            }
        }
        if (format.equals("json")) {
            ObjectNode key = JSON.createObjectNode();
            String prefix = table.options().getOrDefault("key.fields-prefix", "");
            for (String column : columns) {
                String name =
                        column.startsWith(prefix) ? column.substring(prefix.length()) : column;
                key.set(name, row.get(column));
            }
            return key.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (format.equals("raw") && columns.size() == 1) {
            JsonNode field = row.get(columns.get(0));
            var root = table.type(columns.get(0)).orElseThrow().getTypeRoot();
            switch (root) {
                case BIGINT:
                    return java.nio.ByteBuffer.allocate(8).putLong(field.asLong()).array();
                case INTEGER:
                    return java.nio.ByteBuffer.allocate(4).putInt(field.asInt()).array();
                case CHAR:
                case VARCHAR:
                    return field.asText().getBytes(StandardCharsets.UTF_8);
                default:
                    break;
            }
        }
        throw new FixtureException(
                where,
                "table %s's key format is %s".formatted(table.name(), format),
                "give the key's bytes as {\"$key\": \"…\", \"$value\": {…}}");
    }

    private static byte[] bytes(JsonNode value) {
        return (value.isTextual() ? value.asText() : value.toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static long time(String where, JsonNode value, String field) throws FixtureException {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        try {
            return SqlValues.millis(value.asText());
        } catch (SqlValues.NotAValue e) {
            throw new FixtureException(where, field + ": " + e.getMessage(), "");
        }
    }
}
