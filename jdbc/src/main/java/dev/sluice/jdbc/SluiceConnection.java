package dev.sluice.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * One gateway session: statements run in it one after another, {@code SET} and {@code USE} last as
 * long as it does. Flink SQL has no transactions: auto-commit is always on.
 */
final class SluiceConnection extends UnsupportedConnection {

    private final DriverUrl url;
    private final Gateway gateway;
    private final String session;
    private volatile boolean closed;

    SluiceConnection(DriverUrl url) throws SQLException {
        this.url = url;
        this.gateway = new Gateway(url.gateway(), url.token(), url.timeout());
        this.session =
                gateway.openSession(
                        "sluice-jdbc" + url.user().map(u -> " (" + u + ")").orElse(""), Map.of());
        try {
            if (url.catalog().isPresent()) {
                setCatalog(url.catalog().get());
            }
            if (url.schema().isPresent()) {
                setSchema(url.schema().get());
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    Gateway gateway() {
        return gateway;
    }

    String session() {
        return session;
    }

    boolean changelog() {
        return url.changelog();
    }

    DriverUrl url() {
        return url;
    }

    void open() throws SQLException {
        if (closed) {
            throw new SQLException("the connection is closed", "08003");
        }
    }

    @Override
    public Statement createStatement() throws SQLException {
        open();
        return new SluiceStatement(this);
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        forwardReadOnly(type, concurrency);
        return createStatement();
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability)
            throws SQLException {
        forwardReadOnly(type, concurrency);
        return createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        open();
        return new SluicePreparedStatement(this, sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency)
            throws SQLException {
        forwardReadOnly(type, concurrency);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(
            String sql, int type, int concurrency, int holdability) throws SQLException {
        forwardReadOnly(type, concurrency);
        return prepareStatement(sql);
    }

    private static void forwardReadOnly(int type, int concurrency) throws SQLException {
        if (type != ResultSet.TYPE_FORWARD_ONLY || concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw new SQLFeatureNotSupportedException(
                    "Sluice's result sets are forward-only and read-only", "0A000");
        }
    }

    @Override
    public String nativeSQL(String sql) {
        return sql;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        open();
        return new SluiceDatabaseMetaData(this);
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        try (Statement statement = createStatement()) {
            statement.execute("USE CATALOG " + Sql.identifier(catalog));
        }
    }

    @Override
    public String getCatalog() throws SQLException {
        List<Object[]> rows = SluiceStatement.rows(this, "SHOW CURRENT CATALOG");
        return rows.isEmpty() ? null : (String) rows.get(0)[0];
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        try (Statement statement = createStatement()) {
            statement.execute("USE " + Sql.identifier(schema));
        }
    }

    @Override
    public String getSchema() throws SQLException {
        List<Object[]> rows = SluiceStatement.rows(this, "SHOW CURRENT DATABASE");
        return rows.isEmpty() ? null : (String) rows.get(0)[0];
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        if (!autoCommit) {
            throw new SQLFeatureNotSupportedException(
                    "Flink SQL has no transactions: every statement takes effect on its own (auto-commit)",
                    "0A000");
        }
    }

    @Override
    public boolean getAutoCommit() {
        return true;
    }

    @Override
    public void commit() {}

    @Override
    public void rollback() {}

    @Override
    public int getTransactionIsolation() {
        return Connection.TRANSACTION_NONE;
    }

    /** Accepted and ignored: Flink SQL has no transactions to isolate (tools set it on connect). */
    @Override
    public void setTransactionIsolation(int level) {}

    @Override
    public void setReadOnly(boolean readOnly) {}

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {}

    @Override
    public int getHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public void setHoldability(int holdability) {}

    @Override
    public Map<String, Class<?>> getTypeMap() {
        return Map.of();
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("timeout cannot be negative", "HY024");
        }
        if (closed) {
            return false;
        }
        try {
            gateway.heartbeat(session);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {}

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {}

    @Override
    public String getClientInfo(String name) {
        return null;
    }

    @Override
    public Properties getClientInfo() {
        return new Properties();
    }

    @Override
    public int getNetworkTimeout() {
        return (int) url.timeout().toMillis();
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        close();
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            gateway.closeSession(session);
        } catch (SQLException e) {
            // The gateway is gone or forgot the session: it is closed either way.
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
