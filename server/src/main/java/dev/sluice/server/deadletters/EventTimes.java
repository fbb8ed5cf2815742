package dev.sluice.server.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A dead letter's event time, read the way its table reads it where that is plain: the table's
 * watermark column is a physical column of a JSON value, written as Flink's JSON format writes a
 * {@code TIMESTAMP} (SQL or ISO-8601 style) or as epoch milliseconds. Other tables have no event
 * time Sluice can read without the user's fix; their dead letters are judged by Kafka timestamp.
 */
final class EventTimes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd")
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .appendPattern("HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .toFormatter();

    private final String column;

    private EventTimes(String column) {
        this.column = column;
    }

    /** The column a stored table's watermark is defined on, if its values are plain JSON. */
    static Optional<EventTimes> of(Map<String, String> definition) {
        String rowtime = definition.get("schema.watermark.0.rowtime");
        String format = definition.getOrDefault("value.format", definition.get("format"));
        if (rowtime == null || !"json".equals(format)) {
            return Optional.empty();
        }
        for (int i = 0; definition.containsKey("schema." + i + ".name"); i++) {
            if (definition.get("schema." + i + ".name").equals(rowtime)) {
                boolean physical =
                        !definition.containsKey("schema." + i + ".expr")
                                && !definition.containsKey("schema." + i + ".metadata");
                return physical ? Optional.of(new EventTimes(rowtime)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    String column() {
        return column;
    }

    /** The value's event time in Flink's watermark scale (a TIMESTAMP read as UTC), if readable. */
    OptionalLong millis(byte[] value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        JsonNode field;
        try {
            field = JSON.readTree(value).path(column);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        if (field.isIntegralNumber()) {
            return OptionalLong.of(field.asLong());
        }
        if (!field.isTextual()) {
            return OptionalLong.empty();
        }
        String text = field.asText().trim();
        try {
            return OptionalLong.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        } catch (DateTimeParseException notOffset) {
            try {
                String local = text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
                return OptionalLong.of(
                        LocalDateTime.parse(local, TIMESTAMP)
                                .toInstant(ZoneOffset.UTC)
                                .toEpochMilli());
            } catch (DateTimeParseException unreadable) {
                return OptionalLong.empty();
            }
        }
    }
}
