package dev.sluice.jdbc;

import java.sql.*;

/**
 * Every method of {@link Statement}, each refusing with {@link SQLFeatureNotSupportedException}.
 * Generated from the interface (JDK 17); the driver's classes override what Sluice supports.
 */
@SuppressWarnings({"unused", "deprecation"})
abstract class UnsupportedStatement implements Statement {

    @Override
    public ResultSet executeQuery(String a0) throws SQLException {
        throw Unsupported.method("executeQuery");
    }

    @Override
    public int executeUpdate(String a0) throws SQLException {
        throw Unsupported.method("executeUpdate");
    }

    @Override
    public void close() throws SQLException {
        throw Unsupported.method("close");
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        throw Unsupported.method("getMaxFieldSize");
    }

    @Override
    public void setMaxFieldSize(int a0) throws SQLException {
        throw Unsupported.method("setMaxFieldSize");
    }

    @Override
    public int getMaxRows() throws SQLException {
        throw Unsupported.method("getMaxRows");
    }

    @Override
    public void setMaxRows(int a0) throws SQLException {
        throw Unsupported.method("setMaxRows");
    }

    @Override
    public void setEscapeProcessing(boolean a0) throws SQLException {
        throw Unsupported.method("setEscapeProcessing");
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        throw Unsupported.method("getQueryTimeout");
    }

    @Override
    public void setQueryTimeout(int a0) throws SQLException {
        throw Unsupported.method("setQueryTimeout");
    }

    @Override
    public void cancel() throws SQLException {
        throw Unsupported.method("cancel");
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        throw Unsupported.method("getWarnings");
    }

    @Override
    public void clearWarnings() throws SQLException {
        throw Unsupported.method("clearWarnings");
    }

    @Override
    public void setCursorName(String a0) throws SQLException {
        throw Unsupported.method("setCursorName");
    }

    @Override
    public boolean execute(String a0) throws SQLException {
        throw Unsupported.method("execute");
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        throw Unsupported.method("getResultSet");
    }

    @Override
    public int getUpdateCount() throws SQLException {
        throw Unsupported.method("getUpdateCount");
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        throw Unsupported.method("getMoreResults");
    }

    @Override
    public void setFetchDirection(int a0) throws SQLException {
        throw Unsupported.method("setFetchDirection");
    }

    @Override
    public int getFetchDirection() throws SQLException {
        throw Unsupported.method("getFetchDirection");
    }

    @Override
    public void setFetchSize(int a0) throws SQLException {
        throw Unsupported.method("setFetchSize");
    }

    @Override
    public int getFetchSize() throws SQLException {
        throw Unsupported.method("getFetchSize");
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        throw Unsupported.method("getResultSetConcurrency");
    }

    @Override
    public int getResultSetType() throws SQLException {
        throw Unsupported.method("getResultSetType");
    }

    @Override
    public void addBatch(String a0) throws SQLException {
        throw Unsupported.method("addBatch");
    }

    @Override
    public void clearBatch() throws SQLException {
        throw Unsupported.method("clearBatch");
    }

    @Override
    public int[] executeBatch() throws SQLException {
        throw Unsupported.method("executeBatch");
    }

    @Override
    public Connection getConnection() throws SQLException {
        throw Unsupported.method("getConnection");
    }

    @Override
    public boolean getMoreResults(int a0) throws SQLException {
        throw Unsupported.method("getMoreResults");
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        throw Unsupported.method("getGeneratedKeys");
    }

    @Override
    public int executeUpdate(String a0, int a1) throws SQLException {
        throw Unsupported.method("executeUpdate");
    }

    @Override
    public int executeUpdate(String a0, int[] a1) throws SQLException {
        throw Unsupported.method("executeUpdate");
    }

    @Override
    public int executeUpdate(String a0, String[] a1) throws SQLException {
        throw Unsupported.method("executeUpdate");
    }

    @Override
    public boolean execute(String a0, int a1) throws SQLException {
        throw Unsupported.method("execute");
    }

    @Override
    public boolean execute(String a0, int[] a1) throws SQLException {
        throw Unsupported.method("execute");
    }

    @Override
    public boolean execute(String a0, String[] a1) throws SQLException {
        throw Unsupported.method("execute");
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        throw Unsupported.method("getResultSetHoldability");
    }

    @Override
    public boolean isClosed() throws SQLException {
        throw Unsupported.method("isClosed");
    }

    @Override
    public void setPoolable(boolean a0) throws SQLException {
        throw Unsupported.method("setPoolable");
    }

    @Override
    public boolean isPoolable() throws SQLException {
        throw Unsupported.method("isPoolable");
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        throw Unsupported.method("closeOnCompletion");
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        throw Unsupported.method("isCloseOnCompletion");
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
