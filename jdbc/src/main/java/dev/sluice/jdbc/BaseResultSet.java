package dev.sluice.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every result set of the driver does with its current row: typed getters over the gateway's
 * JSON values (exact numbers, SQL-style timestamps), {@code wasNull}, labels, metadata. Forward
 * only, read only.
 */
abstract class BaseResultSet extends UnsupportedResultSet {

    protected final List<Column> columns;
    protected Object[] row;
    private boolean wasNull;
    protected boolean closed;
    private int rowNumber;

    BaseResultSet(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Moves to the next row; false at the end. */
    protected abstract boolean advance() throws SQLException;

    @Override
    public boolean next() throws SQLException {
        open();
        boolean more = advance();
        if (more) {
            rowNumber++;
        } else {
            row = null;
        }
        return more;
    }

    @Override
    public void close() throws SQLException {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int getRow() {
        return row == null ? 0 : rowNumber;
    }

    /** Not known for a result still being read, and JDBC allows false then. */
    @Override
    public boolean isBeforeFirst() {
        return false;
    }

    @Override
    public int getType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        if (direction != ResultSet.FETCH_FORWARD) {
            throw Unsupported.method("setFetchDirection(" + direction + ")");
        }
    }

    @Override
    public int getHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {}

    @Override
    public Statement getStatement() throws SQLException {
        return null;
    }

    @Override
    public ResultSetMetaData getMetaData() {
        return new SluiceResultSetMetaData(columns);
    }

    @Override
    public int findColumn(String label) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(label)) {
                return i + 1;
            }
        }
        throw new SQLException(
                "no column '%s'; the columns are %s"
                        .formatted(label, columns.stream().map(Column::name).toList()),
                "42S22");
    }

    @Override
    public boolean wasNull() {
        return wasNull;
    }

    private void open() throws SQLException {
        if (closed) {
            throw new SQLException("the result set is closed", "24000");
        }
    }

    /** The raw value of a column of the current row. */
    protected Object value(int index) throws SQLException {
        open();
        if (row == null) {
            throw new SQLException("no current row: call next() first", "24000");
        }
        if (index < 1 || index > columns.size()) {
            throw new SQLException(
                    "column %d does not exist; there are %d".formatted(index, columns.size()),
                    "42S22");
        }
        Object value = row[index - 1];
        wasNull = value == null;
        return value;
    }

    @Override
    public Object getObject(int index) throws SQLException {
        Object value = value(index);
        if (value == null) {
            return null;
        }
        SqlType type = columns.get(index - 1).type();
        switch (type.jdbcType()) {
            case Types.DECIMAL:
                return decimal(value, index);
            case Types.TINYINT:
                return (byte) number(value, index).intValue();
            case Types.SMALLINT:
                return (short) number(value, index).intValue();
            case Types.INTEGER:
                return number(value, index).intValue();
            case Types.BIGINT:
                return number(value, index).longValue();
            case Types.REAL:
                return number(value, index).floatValue();
            case Types.DOUBLE:
                return number(value, index).doubleValue();
            case Types.BOOLEAN:
                return getBoolean(index);
            case Types.TIMESTAMP:
                return getTimestamp(index);
            case Types.DATE:
                return getDate(index);
            case Types.TIME:
                return getTime(index);
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return getObject(index, OffsetDateTime.class);
            default:
                return value;
        }
    }

    @Override
    public <T> T getObject(int index, Class<T> type) throws SQLException {
        Object value = value(index);
        if (value == null) {
            return null;
        }
        if (type == String.class) {
            return type.cast(getString(index));
        }
        if (type == LocalDateTime.class) {
            return type.cast(localDateTime(value, index));
        }
        if (type == LocalDate.class) {
            return type.cast(LocalDate.parse(value.toString()));
        }
        if (type == LocalTime.class) {
            return type.cast(LocalTime.parse(value.toString()));
        }
        if (type == OffsetDateTime.class) {
            String text = value.toString().replace(' ', 'T');
            return type.cast(
                    text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
                            ? OffsetDateTime.parse(text)
                            : LocalDateTime.parse(text).atOffset(ZoneOffset.UTC));
        }
        if (type == BigDecimal.class) {
            return type.cast(decimal(value, index));
        }
        Object object = getObject(index);
        if (type.isInstance(object)) {
            return type.cast(object);
        }
        throw new SQLDataException(
                "column %d holds %s, not a %s"
                        .formatted(index, columns.get(index - 1).type().name(), type.getName()),
                "22018");
    }

    @Override
    public String getString(int index) throws SQLException {
        Object value = value(index);
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal) {
            BigDecimal d = decimal(value, index);
            return columns.get(index - 1).type().jdbcType() == Types.DOUBLE
                            || columns.get(index - 1).type().jdbcType() == Types.REAL
                    ? Double.toString(d.doubleValue())
                    : d.toPlainString();
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return Json.render(value);
        }
        return value.toString();
    }

    @Override
    public boolean getBoolean(int index) throws SQLException {
        Object value = value(index);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof BigDecimal d) {
            return d.signum() != 0;
        }
        String text = value.toString().strip().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("1")) {
            return true;
        }
        if (text.equals("false") || text.equals("0")) {
            return false;
        }
        throw new SQLDataException("'%s' is not a boolean".formatted(value), "22018");
    }

    @Override
    public byte getByte(int index) throws SQLException {
        Object value = value(index);
        return value == null ? 0 : (byte) number(value, index).intValue();
    }

    @Override
    public short getShort(int index) throws SQLException {
        Object value = value(index);
        return value == null ? 0 : (short) number(value, index).intValue();
    }

    @Override
    public int getInt(int index) throws SQLException {
        Object value = value(index);
        return value == null ? 0 : number(value, index).intValue();
    }

    @Override
    public long getLong(int index) throws SQLException {
        Object value = value(index);
        return value == null ? 0 : number(value, index).longValue();
    }

    @Override
    public float getFloat(int index) throws SQLException {
        Object value = value(index);
        return value == null ? 0 : number(value, index).floatValue();
    }

    @Override
    public double getDouble(int index) throws SQLException {
        Object value = value(index);
        return value == null ? 0 : number(value, index).doubleValue();
    }

    @Override
    public BigDecimal getBigDecimal(int index) throws SQLException {
        Object value = value(index);
        return value == null ? null : decimal(value, index);
    }

    @Override
    public Timestamp getTimestamp(int index) throws SQLException {
        Object value = value(index);
        return value == null ? null : Timestamp.valueOf(localDateTime(value, index));
    }

    @Override
    public Timestamp getTimestamp(int index, Calendar calendar) throws SQLException {
        return getTimestamp(index);
    }

    @Override
    public Date getDate(int index) throws SQLException {
        Object value = value(index);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.length() > 10
                ? Date.valueOf(localDateTime(value, index).toLocalDate())
                : Date.valueOf(text);
    }

    @Override
    public Time getTime(int index) throws SQLException {
        Object value = value(index);
        return value == null ? null : Time.valueOf(LocalTime.parse(value.toString()));
    }

    @Override
    public byte[] getBytes(int index) throws SQLException {
        Object value = value(index);
        if (value == null) {
            return null;
        }
        return value instanceof String s
                ? java.util.Base64.getDecoder().decode(s)
                : value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    private BigDecimal number(Object value, int index) throws SQLException {
        return decimal(value, index);
    }

    private BigDecimal decimal(Object value, int index) throws SQLException {
        SqlType type = columns.get(index - 1).type();
        if (value instanceof BigDecimal d) {
            // The gateway writes decimals without trailing zeros (100.00 as 1E+2): the column's
            // scale puts them back.
            return type.jdbcType() == Types.DECIMAL && d.scale() < type.scale()
                    ? d.setScale(type.scale())
                    : d;
        }
        try {
            return new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new SQLDataException(
                    "column %d ('%s') holds '%s', not a number"
                            .formatted(index, columns.get(index - 1).name(), value),
                    "22018");
        }
    }

    private LocalDateTime localDateTime(Object value, int index) throws SQLException {
        String text = value.toString().strip().replace(' ', 'T');
        if (text.endsWith("Z")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            return LocalDateTime.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay();
            } catch (java.time.format.DateTimeParseException notADate) {
                throw new SQLDataException(
                        "column %d ('%s') holds '%s', not a timestamp"
                                .formatted(index, columns.get(index - 1).name(), value),
                        "22007");
            }
        }
    }
}
