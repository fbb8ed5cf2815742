package dev.sluice.jdbc;

import java.sql.*;

/**
 * Every method of {@link ResultSetMetaData}, each refusing with {@link
 * SQLFeatureNotSupportedException}. Generated from the interface (JDK 17); the driver's classes
 * override what Sluice supports.
 */
@SuppressWarnings({"unused", "deprecation"})
abstract class UnsupportedResultSetMetaData implements ResultSetMetaData {

    @Override
    public int getColumnCount() throws SQLException {
        throw Unsupported.method("getColumnCount");
    }

    @Override
    public boolean isAutoIncrement(int a0) throws SQLException {
        throw Unsupported.method("isAutoIncrement");
    }

    @Override
    public boolean isCaseSensitive(int a0) throws SQLException {
        throw Unsupported.method("isCaseSensitive");
    }

    @Override
    public boolean isSearchable(int a0) throws SQLException {
        throw Unsupported.method("isSearchable");
    }

    @Override
    public boolean isCurrency(int a0) throws SQLException {
        throw Unsupported.method("isCurrency");
    }

    @Override
    public int isNullable(int a0) throws SQLException {
        throw Unsupported.method("isNullable");
    }

    @Override
    public boolean isSigned(int a0) throws SQLException {
        throw Unsupported.method("isSigned");
    }

    @Override
    public int getColumnDisplaySize(int a0) throws SQLException {
        throw Unsupported.method("getColumnDisplaySize");
    }

    @Override
    public String getColumnLabel(int a0) throws SQLException {
        throw Unsupported.method("getColumnLabel");
    }

    @Override
    public String getColumnName(int a0) throws SQLException {
        throw Unsupported.method("getColumnName");
    }

    @Override
    public String getSchemaName(int a0) throws SQLException {
        throw Unsupported.method("getSchemaName");
    }

    @Override
    public int getPrecision(int a0) throws SQLException {
        throw Unsupported.method("getPrecision");
    }

    @Override
    public int getScale(int a0) throws SQLException {
        throw Unsupported.method("getScale");
    }

    @Override
    public String getTableName(int a0) throws SQLException {
        throw Unsupported.method("getTableName");
    }

    @Override
    public String getCatalogName(int a0) throws SQLException {
        throw Unsupported.method("getCatalogName");
    }

    @Override
    public int getColumnType(int a0) throws SQLException {
        throw Unsupported.method("getColumnType");
    }

    @Override
    public String getColumnTypeName(int a0) throws SQLException {
        throw Unsupported.method("getColumnTypeName");
    }

    @Override
    public boolean isReadOnly(int a0) throws SQLException {
        throw Unsupported.method("isReadOnly");
    }

    @Override
    public boolean isWritable(int a0) throws SQLException {
        throw Unsupported.method("isWritable");
    }

    @Override
    public boolean isDefinitelyWritable(int a0) throws SQLException {
        throw Unsupported.method("isDefinitelyWritable");
    }

    @Override
    public String getColumnClassName(int a0) throws SQLException {
        throw Unsupported.method("getColumnClassName");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
