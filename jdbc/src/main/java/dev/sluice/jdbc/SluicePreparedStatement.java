package dev.sluice.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement with {@code ?} parameters. The gateway has no prepared statements, so each parameter
 * becomes a literal ({@link Sql#literal}) where its {@code ?} stands — only a {@code ?} outside
 * strings, quoted identifiers and comments counts — and the statement runs as text. A batch of one
 * {@code INSERT … VALUES (…)} runs as one INSERT with every row: one job, not one per row.
 */
final class SluicePreparedStatement extends UnsupportedPreparedStatement {

    private static final Pattern INSERT_VALUES =
            Pattern.compile(
                    "(?is)^\\s*(INSERT\\s+INTO\\s+[^()\\s]+(?:\\s*\\([^()]*\\))?\\s+VALUES)\\s*(\\(.*\\))\\s*;?\\s*$");

    private final String sql;
    private final List<Integer> markers;
    private Object[] parameters;
    private final List<String> batch = new ArrayList<>();
    private final List<String> batchTuples = new ArrayList<>();

    SluicePreparedStatement(SluiceConnection connection, String sql) {
        super(connection);
        this.sql = sql;
        this.markers = markers(sql);
        this.parameters = new Object[markers.size()];
        Arrays.fill(parameters, Unset.VALUE);
    }

    private enum Unset {
        VALUE
    }

    /**
     * Where the {@code ?} markers are: not in '…', "…", `…`, -- comments (to the end of the line,
     * {@code \r} or {@code \n}) or block comments. A hint ({@code /*+ … *}{@code /}) is read as
     * code, as Calcite reads it: its strings are strings, and a {@code *}{@code /} inside one does
     * not end it.
     */
    static List<Integer> markers(String sql) {
        List<Integer> found = new ArrayList<>();
        int i = 0;
        boolean hint = false;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
            if (c == '\'' || c == '"' || c == '`') {
                i = quoted(sql, i, c);
            } else if (hint && c == '*' && next == '/') {
                hint = false;
                i += 2;
            } else if (!hint && c == '-' && next == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            } else if (!hint && c == '/' && next == '*') {
                if (i + 2 < sql.length() && sql.charAt(i + 2) == '+') {
                    hint = true;
                    i += 3;
                } else {
                    int end = sql.indexOf("*/", i + 2);
                    i = end < 0 ? sql.length() : end + 2;
                }
            } else {
                if (c == '?' && !hint) {
                    found.add(i);
                }
                i++;
            }
        }
        return found;
    }

    /** The index after a quoted string or identifier starting at {@code start}. */
    private static int quoted(String sql, int start, char quote) {
        int end = start + 1;
        while (end < sql.length()) {
            if (sql.charAt(end) == quote) {
                if (end + 1 < sql.length() && sql.charAt(end + 1) == quote) {
                    end += 2;
                    continue;
                }
                return end + 1;
            }
            end++;
        }
        return sql.length();
    }

    /** The statement with every parameter in place. */
    String bound() throws SQLException {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int p = 0; p < markers.size(); p++) {
            if (parameters[p] == Unset.VALUE) {
                throw new SQLException("parameter %d is not set".formatted(p + 1), "07001");
            }
            out.append(sql, from, markers.get(p));
            out.append(
                    parameters[p] instanceof Typed typed ? typed.sql : Sql.literal(parameters[p]));
            from = markers.get(p) + 1;
        }
        return out.append(sql.substring(from)).toString();
    }

    /** A literal with its type spelled out: a typed NULL. */
    private record Typed(String sql) {}

    private void set(int index, Object value) throws SQLException {
        if (index < 1 || index > parameters.length) {
            throw new SQLException(
                    "parameter %d does not exist; the statement has %d"
                            .formatted(index, parameters.length),
                    "07009");
        }
        parameters[index - 1] = value;
    }

    @Override
    public boolean execute() throws SQLException {
        return execute(bound());
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return executeQuery(bound());
    }

    @Override
    public int executeUpdate() throws SQLException {
        return executeUpdate(bound());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return executeUpdate();
    }

    @Override
    public void clearParameters() {
        Arrays.fill(parameters, Unset.VALUE);
    }

    @Override
    public void addBatch() throws SQLException {
        batch.add(bound());
        Matcher template = INSERT_VALUES.matcher(sql);
        if (template.matches()) {
            batchTuples.add(bind(template.group(2), template.start(2)));
        }
    }

    /** Whether {@code text} is nothing but (…), (…), … at its top level. */
    static boolean onlyTuples(String text) {
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = quoted(text, i, c);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && c != ',' && !Character.isWhitespace(c)) {
                return false;
            }
            i++;
        }
        return depth == 0;
    }

    /** The part of the statement from {@code from} with its own parameters in place. */
    private String bind(String part, int from) throws SQLException {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int p = 0; p < markers.size(); p++) {
            int marker = markers.get(p) - from;
            if (marker < 0 || marker >= part.length()) {
                continue;
            }
            out.append(part, at, marker);
            out.append(
                    parameters[p] instanceof Typed typed ? typed.sql : Sql.literal(parameters[p]));
            at = marker + 1;
        }
        return out.append(part.substring(at)).toString();
    }

    @Override
    public void clearBatch() {
        batch.clear();
        batchTuples.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        if (batch.isEmpty()) {
            return new int[0];
        }
        List<String> statements = new ArrayList<>(batch);
        List<String> tuples = new ArrayList<>(batchTuples);
        batch.clear();
        batchTuples.clear();
        int[] counts = new int[statements.size()];
        Arrays.fill(counts, java.sql.Statement.SUCCESS_NO_INFO);
        // One INSERT … VALUES (?, …) template: every row in one statement, one job. The template
        // is matched before binding, so no parameter's text can change how it splits.
        Matcher template = INSERT_VALUES.matcher(sql);
        if (template.matches()
                && tuples.size() == statements.size()
                && onlyTuples(template.group(2))) {
            executeUpdate(template.group(1) + " " + String.join(", ", tuples));
            return counts;
        }
        for (String statement : statements) {
            executeUpdate(statement);
        }
        return counts;
    }

    @Override
    public ResultSetMetaData getMetaData() {
        // Flink plans a statement only when it runs; the result's metadata comes with its rows.
        return null;
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        throw Unsupported.method("getParameterMetaData");
    }

    @Override
    public void setNull(int index, int sqlType) throws SQLException {
        String type = typeName(sqlType);
        set(index, type == null ? null : new Typed("CAST(NULL AS " + type + ")"));
    }

    @Override
    public void setNull(int index, int sqlType, String typeName) throws SQLException {
        setNull(index, sqlType);
    }

    private static String typeName(int sqlType) {
        return switch (sqlType) {
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR ->
                    "STRING";
            case Types.BOOLEAN, Types.BIT -> "BOOLEAN";
            case Types.TINYINT -> "TINYINT";
            case Types.SMALLINT -> "SMALLINT";
            case Types.INTEGER -> "INT";
            case Types.BIGINT -> "BIGINT";
            case Types.REAL, Types.FLOAT -> "FLOAT";
            case Types.DOUBLE -> "DOUBLE";
            case Types.DECIMAL, Types.NUMERIC -> "DECIMAL(38, 18)";
            case Types.DATE -> "DATE";
            case Types.TIME -> "TIME";
            case Types.TIMESTAMP -> "TIMESTAMP(3)";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> "BYTES";
            default -> null;
        };
    }

    @Override
    public void setBoolean(int index, boolean x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setByte(int index, byte x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setShort(int index, short x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setInt(int index, int x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setLong(int index, long x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setFloat(int index, float x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDouble(int index, double x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBigDecimal(int index, BigDecimal x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setNString(int index, String x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setBytes(int index, byte[] x) throws SQLException {
        set(index, x == null ? null : x.clone());
    }

    @Override
    public void setDate(int index, Date x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTime(int index, Time x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x) throws SQLException {
        set(index, x);
    }

    @Override
    public void setDate(int index, Date x, java.util.Calendar calendar) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTime(int index, Time x, java.util.Calendar calendar) throws SQLException {
        set(index, x);
    }

    @Override
    public void setTimestamp(int index, Timestamp x, java.util.Calendar calendar)
            throws SQLException {
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x) throws SQLException {
        Sql.literal(x);
        set(index, x);
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        if (x == null) {
            setNull(index, targetSqlType);
        } else {
            setObject(index, x);
        }
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scale) throws SQLException {
        setObject(index, x, targetSqlType);
    }

    @Override
    public String toString() {
        return "SluicePreparedStatement["
                + sql.strip().toUpperCase(Locale.ROOT).split("\\s+")[0]
                + " …, "
                + markers.size()
                + " parameters]";
    }
}
