package dev.sluice.jdbc;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink SQL type as JDBC describes a column: {@link Types} code, precision, scale, nullability
 * and Java class. Read from the gateway's JSON logical types and from type strings such as {@code
 * DECIMAL(12, 2) NOT NULL} or {@code TIMESTAMP(3) *ROWTIME*} ({@code DESCRIBE}).
 */
record SqlType(
        String name, int jdbcType, int precision, int scale, boolean nullable, String className) {

    private static final Pattern ARGS =
            Pattern.compile("^([A-Z_ ]+)\\s*(?:\\((\\d+)(?:\\s*,\\s*(\\d+))?\\))?(.*)$");

    static final SqlType STRING = of("STRING", true);

    /** From the gateway's JSON: {@code {"type": "DECIMAL", "precision": 12, "scale": 2, …}}. */
    static SqlType fromJson(Object json) {
        Map<String, Object> type = Json.object(json);
        String root = String.valueOf(type.getOrDefault("type", "VARCHAR")).toUpperCase(Locale.ROOT);
        boolean nullable = !Boolean.FALSE.equals(type.get("nullable"));
        int precision = number(type.get("precision"), number(type.get("length"), -1));
        int scale = number(type.get("scale"), 0);
        return create(root, precision, scale, nullable);
    }

    /** From a type string as {@code DESCRIBE} shows it. */
    static SqlType of(String text, boolean nullable) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        boolean notNull = upper.contains("NOT NULL");
        upper =
                upper.replace("NOT NULL", "")
                        .replace("*ROWTIME*", "")
                        .replace("*PROCTIME*", "")
                        .strip();
        if (upper.startsWith("ARRAY")
                || upper.startsWith("MAP")
                || upper.startsWith("ROW")
                || upper.startsWith("MULTISET")) {
            String root = upper.replaceAll("[<(].*", "").strip();
            return create(root, -1, 0, nullable && !notNull).withName(text.strip());
        }
        Matcher m = ARGS.matcher(upper);
        if (!m.matches()) {
            return create("VARCHAR", -1, 0, nullable && !notNull).withName(text.strip());
        }
        String root = m.group(1).strip();
        int precision = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (m.group(4).contains("WITH LOCAL TIME ZONE") || root.endsWith("WITH LOCAL TIME ZONE")) {
            root = "TIMESTAMP_WITH_LOCAL_TIME_ZONE";
        }
        return create(root, precision, scale, nullable && !notNull).withName(text.strip());
    }

    private SqlType withName(String text) {
        return new SqlType(text, jdbcType, precision, scale, nullable, className);
    }

    private static int number(Object value, int otherwise) {
        return value instanceof BigDecimal d ? d.intValue() : otherwise;
    }

    private static SqlType create(String root, int precision, int scale, boolean nullable) {
        switch (root) {
            case "CHAR":
                return new SqlType(
                        named("CHAR", precision),
                        Types.CHAR,
                        Math.max(precision, 1),
                        0,
                        nullable,
                        "java.lang.String");
            case "VARCHAR":
            case "STRING":
                int length = precision < 0 ? Integer.MAX_VALUE : precision;
                return new SqlType(
                        length == Integer.MAX_VALUE ? "STRING" : named("VARCHAR", length),
                        Types.VARCHAR,
                        length,
                        0,
                        nullable,
                        "java.lang.String");
            case "BOOLEAN":
                return new SqlType("BOOLEAN", Types.BOOLEAN, 1, 0, nullable, "java.lang.Boolean");
            case "BINARY":
                return new SqlType(
                        named("BINARY", precision),
                        Types.BINARY,
                        Math.max(precision, 1),
                        0,
                        nullable,
                        "[B");
            case "VARBINARY":
            case "BYTES":
                return new SqlType(
                        "BYTES",
                        Types.VARBINARY,
                        precision < 0 ? Integer.MAX_VALUE : precision,
                        0,
                        nullable,
                        "[B");
            case "DECIMAL":
            case "NUMERIC":
            case "DEC":
                int p = precision < 0 ? 10 : precision;
                return new SqlType(
                        "DECIMAL(%d, %d)".formatted(p, scale),
                        Types.DECIMAL,
                        p,
                        scale,
                        nullable,
                        "java.math.BigDecimal");
            case "TINYINT":
                return new SqlType("TINYINT", Types.TINYINT, 3, 0, nullable, "java.lang.Byte");
            case "SMALLINT":
                return new SqlType("SMALLINT", Types.SMALLINT, 5, 0, nullable, "java.lang.Short");
            case "INT":
            case "INTEGER":
                return new SqlType("INT", Types.INTEGER, 10, 0, nullable, "java.lang.Integer");
            case "BIGINT":
                return new SqlType("BIGINT", Types.BIGINT, 19, 0, nullable, "java.lang.Long");
            case "FLOAT":
                return new SqlType("FLOAT", Types.REAL, 7, 0, nullable, "java.lang.Float");
            case "DOUBLE":
            case "DOUBLE PRECISION":
                return new SqlType("DOUBLE", Types.DOUBLE, 15, 0, nullable, "java.lang.Double");
            case "DATE":
                return new SqlType("DATE", Types.DATE, 10, 0, nullable, "java.sql.Date");
            case "TIME":
            case "TIME_WITHOUT_TIME_ZONE":
                return new SqlType("TIME", Types.TIME, 8, 0, nullable, "java.sql.Time");
            case "TIMESTAMP":
            case "TIMESTAMP_WITHOUT_TIME_ZONE":
                {
                    int fraction = precision < 0 ? 6 : precision;
                    return new SqlType(
                            "TIMESTAMP(" + fraction + ")",
                            Types.TIMESTAMP,
                            19 + (fraction > 0 ? fraction + 1 : 0),
                            fraction,
                            nullable,
                            "java.sql.Timestamp");
                }
            case "TIMESTAMP_LTZ":
            case "TIMESTAMP_WITH_LOCAL_TIME_ZONE":
                {
                    int fraction = precision < 0 ? 6 : precision;
                    return new SqlType(
                            "TIMESTAMP_LTZ(" + fraction + ")",
                            Types.TIMESTAMP_WITH_TIMEZONE,
                            19 + (fraction > 0 ? fraction + 1 : 0),
                            fraction,
                            nullable,
                            "java.time.OffsetDateTime");
                }
            case "ARRAY":
                return new SqlType("ARRAY", Types.ARRAY, 0, 0, nullable, "java.sql.Array");
            case "MAP":
            case "MULTISET":
            case "ROW":
            case "STRUCTURED_TYPE":
                return new SqlType(root, Types.JAVA_OBJECT, 0, 0, nullable, "java.lang.Object");
            case "NULL":
                return new SqlType("NULL", Types.NULL, 0, 0, true, "java.lang.Object");
            default:
                return new SqlType(root, Types.OTHER, 0, 0, nullable, "java.lang.Object");
        }
    }

    private static String named(String root, int length) {
        return length < 0 ? root : root + "(" + length + ")";
    }
}
