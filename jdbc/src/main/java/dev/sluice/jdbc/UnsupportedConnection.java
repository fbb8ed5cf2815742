package dev.sluice.jdbc;

import java.sql.*;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * Every method of {@link Connection}, each refusing with {@link SQLFeatureNotSupportedException}.
 * Generated from the interface (JDK 17); the driver's classes override what Sluice supports.
 */
@SuppressWarnings({"unused", "deprecation"})
abstract class UnsupportedConnection implements Connection {

    @Override
    public Statement createStatement() throws SQLException {
        throw Unsupported.method("createStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String a0) throws SQLException {
        throw Unsupported.method("prepareStatement");
    }

    @Override
    public CallableStatement prepareCall(String a0) throws SQLException {
        throw Unsupported.method("prepareCall");
    }

    @Override
    public String nativeSQL(String a0) throws SQLException {
        throw Unsupported.method("nativeSQL");
    }

    @Override
    public void setAutoCommit(boolean a0) throws SQLException {
        throw Unsupported.method("setAutoCommit");
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        throw Unsupported.method("getAutoCommit");
    }

    @Override
    public void commit() throws SQLException {
        throw Unsupported.method("commit");
    }

    @Override
    public void rollback() throws SQLException {
        throw Unsupported.method("rollback");
    }

    @Override
    public void close() throws SQLException {
        throw Unsupported.method("close");
    }

    @Override
    public boolean isClosed() throws SQLException {
        throw Unsupported.method("isClosed");
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        throw Unsupported.method("getMetaData");
    }

    @Override
    public void setReadOnly(boolean a0) throws SQLException {
        throw Unsupported.method("setReadOnly");
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        throw Unsupported.method("isReadOnly");
    }

    @Override
    public void setCatalog(String a0) throws SQLException {
        throw Unsupported.method("setCatalog");
    }

    @Override
    public String getCatalog() throws SQLException {
        throw Unsupported.method("getCatalog");
    }

    @Override
    public void setTransactionIsolation(int a0) throws SQLException {
        throw Unsupported.method("setTransactionIsolation");
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        throw Unsupported.method("getTransactionIsolation");
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
    public Statement createStatement(int a0, int a1) throws SQLException {
        throw Unsupported.method("createStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
        throw Unsupported.method("prepareStatement");
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
        throw Unsupported.method("prepareCall");
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        throw Unsupported.method("getTypeMap");
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> a0) throws SQLException {
        throw Unsupported.method("setTypeMap");
    }

    @Override
    public void setHoldability(int a0) throws SQLException {
        throw Unsupported.method("setHoldability");
    }

    @Override
    public int getHoldability() throws SQLException {
        throw Unsupported.method("getHoldability");
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        throw Unsupported.method("setSavepoint");
    }

    @Override
    public Savepoint setSavepoint(String a0) throws SQLException {
        throw Unsupported.method("setSavepoint");
    }

    @Override
    public void rollback(Savepoint a0) throws SQLException {
        throw Unsupported.method("rollback");
    }

    @Override
    public void releaseSavepoint(Savepoint a0) throws SQLException {
        throw Unsupported.method("releaseSavepoint");
    }

    @Override
    public Statement createStatement(int a0, int a1, int a2) throws SQLException {
        throw Unsupported.method("createStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3)
            throws SQLException {
        throw Unsupported.method("prepareStatement");
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
        throw Unsupported.method("prepareCall");
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
        throw Unsupported.method("prepareStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
        throw Unsupported.method("prepareStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
        throw Unsupported.method("prepareStatement");
    }

    @Override
    public Clob createClob() throws SQLException {
        throw Unsupported.method("createClob");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw Unsupported.method("createBlob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw Unsupported.method("createNClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw Unsupported.method("createSQLXML");
    }

    @Override
    public boolean isValid(int a0) throws SQLException {
        throw Unsupported.method("isValid");
    }

    @Override
    public void setClientInfo(String a0, String a1) throws SQLClientInfoException {
        // Nothing to do.
    }

    @Override
    public void setClientInfo(Properties a0) throws SQLClientInfoException {
        // Nothing to do.
    }

    @Override
    public String getClientInfo(String a0) throws SQLException {
        throw Unsupported.method("getClientInfo");
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        throw Unsupported.method("getClientInfo");
    }

    @Override
    public Array createArrayOf(String a0, Object[] a1) throws SQLException {
        throw Unsupported.method("createArrayOf");
    }

    @Override
    public Struct createStruct(String a0, Object[] a1) throws SQLException {
        throw Unsupported.method("createStruct");
    }

    @Override
    public void setSchema(String a0) throws SQLException {
        throw Unsupported.method("setSchema");
    }

    @Override
    public String getSchema() throws SQLException {
        throw Unsupported.method("getSchema");
    }

    @Override
    public void abort(Executor a0) throws SQLException {
        throw Unsupported.method("abort");
    }

    @Override
    public void setNetworkTimeout(Executor a0, int a1) throws SQLException {
        throw Unsupported.method("setNetworkTimeout");
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        throw Unsupported.method("getNetworkTimeout");
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
