package dev.sluice.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Values as Flink SQL literals, for prepared statements and the driver's own metadata queries. A
 * string becomes {@code '…'} with every quote doubled — Flink SQL has no backslash escapes outside
 * {@code U&'…'}, so nothing a caller passes can end the literal.
 */
final class Sql {

    /** Seconds always (Calcite requires them), a fraction only when there is one. */
    private static final java.time.format.DateTimeFormatter TIMESTAMP =
            new java.time.format.DateTimeFormatterBuilder()
                    .appendPattern("uuuu-MM-dd HH:mm:ss")
                    .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .toFormatter();

    private static final java.time.format.DateTimeFormatter TIME =
            new java.time.format.DateTimeFormatterBuilder()
                    .appendPattern("HH:mm:ss")
                    .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .toFormatter();

    private Sql() {}

    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String literal(Object value) throws SQLException {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String s) {
            return string(s);
        }
        if (value instanceof Character c) {
            return string(c.toString());
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        // Every number in parentheses: "0-?" with -1 must not become the comment "0--1".
        if (value instanceof Byte b) {
            return "CAST(" + b + " AS TINYINT)";
        }
        if (value instanceof Short s) {
            return "CAST(" + s + " AS SMALLINT)";
        }
        if (value instanceof Integer i) {
            return "(" + i + ")";
        }
        if (value instanceof Long l) {
            return "CAST(" + l + " AS BIGINT)";
        }
        if (value instanceof BigDecimal d) {
            if (d.precision() - d.scale() > 38 || d.scale() > 38) {
                throw new SQLException(
                        "%s has more digits than a Flink DECIMAL holds (38)"
                                .formatted(d.toString()),
                        "22003");
            }
            return "(" + d.toPlainString() + ")";
        }
        if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            String type = value instanceof Float ? "FLOAT" : "DOUBLE";
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "CAST(" + string(Double.toString(d)) + " AS " + type + ")";
            }
            return "CAST("
                    + (value instanceof Float f ? Float.toString(f) : Double.toString(d))
                    + " AS "
                    + type
                    + ")";
        }
        if (value instanceof Timestamp t) {
            return "TIMESTAMP " + string(TIMESTAMP.format(t.toLocalDateTime()));
        }
        if (value instanceof LocalDateTime t) {
            return "TIMESTAMP " + string(TIMESTAMP.format(t));
        }
        if (value instanceof Date d) {
            return "DATE " + string(d.toLocalDate().toString());
        }
        if (value instanceof LocalDate d) {
            return "DATE " + string(d.toString());
        }
        if (value instanceof Time t) {
            return "TIME " + string(TIME.format(t.toLocalTime()));
        }
        if (value instanceof LocalTime t) {
            return "TIME " + string(TIME.format(t));
        }
        if (value instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder("X'");
            for (byte b : bytes) {
                hex.append(String.format("%02X", b));
            }
            return hex.append("'").toString();
        }
        throw new SQLException(
                "a parameter of type %s cannot be a Flink SQL literal; pass a String, number, boolean, date or time"
                        .formatted(value.getClass().getName()),
                "22023");
    }
}
