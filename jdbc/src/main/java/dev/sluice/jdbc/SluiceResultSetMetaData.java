package dev.sluice.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/** Labels, types, precision and scale of a result's columns. */
final class SluiceResultSetMetaData extends UnsupportedResultSetMetaData {

    private final List<Column> columns;

    SluiceResultSetMetaData(List<Column> columns) {
        this.columns = columns;
    }

    private Column column(int index) throws SQLException {
        if (index < 1 || index > columns.size()) {
            throw new SQLException(
                    "column %d does not exist; there are %d".formatted(index, columns.size()),
                    "42S22");
        }
        return columns.get(index - 1);
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return column(column).name();
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return column(column).name();
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return column(column).type().jdbcType();
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return column(column).type().name();
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return column(column).type().className();
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return column(column).type().precision();
    }

    @Override
    public int getScale(int column) throws SQLException {
        return column(column).type().scale();
    }

    @Override
    public int isNullable(int column) throws SQLException {
        return column(column).type().nullable()
                ? ResultSetMetaData.columnNullable
                : ResultSetMetaData.columnNoNulls;
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        int precision = column(column).type().precision();
        return precision <= 0 || precision == Integer.MAX_VALUE ? 64 : precision + 2;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return switch (column(column).type().jdbcType()) {
            case java.sql.Types.TINYINT,
                    java.sql.Types.SMALLINT,
                    java.sql.Types.INTEGER,
                    java.sql.Types.BIGINT,
                    java.sql.Types.REAL,
                    java.sql.Types.DOUBLE,
                    java.sql.Types.DECIMAL ->
                    true;
            default -> false;
        };
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return column(column).type().jdbcType() == java.sql.Types.VARCHAR;
    }

    @Override
    public boolean isSearchable(int column) {
        return true;
    }

    @Override
    public boolean isCurrency(int column) {
        return false;
    }

    @Override
    public boolean isAutoIncrement(int column) {
        return false;
    }

    @Override
    public boolean isReadOnly(int column) {
        return true;
    }

    @Override
    public boolean isWritable(int column) {
        return false;
    }

    @Override
    public boolean isDefinitelyWritable(int column) {
        return false;
    }

    @Override
    public String getSchemaName(int column) {
        return "";
    }

    @Override
    public String getTableName(int column) {
        return "";
    }

    @Override
    public String getCatalogName(int column) {
        return "";
    }
}
