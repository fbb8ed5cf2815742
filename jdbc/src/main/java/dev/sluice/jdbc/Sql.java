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
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof Long l) {
            return l + "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "CAST(" + string(Double.toString(d)) + " AS DOUBLE)";
            }
            return "CAST(" + d + " AS DOUBLE)";
        }
        if (value instanceof Timestamp t) {
            return "TIMESTAMP " + string(t.toLocalDateTime().toString().replace('T', ' '));
        }
        if (value instanceof LocalDateTime t) {
            return "TIMESTAMP " + string(t.toString().replace('T', ' '));
        }
        if (value instanceof Date d) {
            return "DATE " + string(d.toLocalDate().toString());
        }
        if (value instanceof LocalDate d) {
            return "DATE " + string(d.toString());
        }
        if (value instanceof Time t) {
            return "TIME " + string(t.toLocalTime().toString());
        }
        if (value instanceof LocalTime t) {
            return "TIME " + string(t.toString());
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
