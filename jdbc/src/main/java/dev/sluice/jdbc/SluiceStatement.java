package dev.sluice.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.util.List;

/**
 * A statement on the connection's gateway session. A query (and SHOW, DESCRIBE, EXPLAIN) gives a
 * result set; DDL, SET and INSERT an update count of 0 (an INSERT once its job is submitted).
 * {@link #cancel} cancels the running operation, which stops a streaming query's job.
 */
class SluiceStatement extends UnsupportedStatement {

    protected final SluiceConnection connection;
    private volatile GatewayResultSet result;
    private volatile boolean cancelled;
    private long updateCount = -1;
    private volatile String operation;
    private int fetchSize;
    private long maxRows;
    private int queryTimeout;
    private long deadline;
    private boolean closed;

    SluiceStatement(SluiceConnection connection) {
        this.connection = connection;
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        open();
        closeResult();
        cancelled = false;
        deadline = queryTimeout > 0 ? System.nanoTime() + queryTimeout * 1_000_000_000L : 0;
        Gateway gateway = connection.gateway();
        String session = connection.session();
        String running = gateway.execute(session, sql);
        operation = running;
        boolean keep = false;
        try {
            Gateway.Page first = gateway.fetch(session, running, null);
            long pause = 10;
            while (first.notReady()) {
                if (cancelled) {
                    throw new SQLException("the statement was cancelled", "HY008");
                }
                if (deadline > 0 && System.nanoTime() > deadline) {
                    throw new SQLTimeoutException(
                            "the statement ran past its timeout of %d s and was cancelled"
                                    .formatted(queryTimeout),
                            "HYT00");
                }
                Gateway.pause(pause);
                pause = Math.min(pause * 2, 200);
                first = gateway.fetch(session, running, first.next().orElse(null));
            }
            if (producesRows(first)) {
                result =
                        GatewayResultSet.of(
                                gateway, session, running, this, first, connection.changelog());
                keep = true;
                if (cancelled) {
                    // cancel() came between the fetch and now: it could not close what was
                    // not there yet.
                    closeResult();
                    throw new SQLException("the statement was cancelled", "HY008");
                }
                return true;
            }
            updateCount = 0;
            return false;
        } finally {
            if (!keep) {
                operation = null;
                closeQuietly(gateway, session, running);
            }
        }
    }

    private static void closeQuietly(Gateway gateway, String session, String operation) {
        try {
            gateway.close(session, operation);
        } catch (SQLException e) {
            // Gone already: nothing to free.
        }
    }

    /**
     * Rows a caller reads: a query's, or a SHOW/DESCRIBE/EXPLAIN table. Not DDL's "OK" nor the job
     * id an INSERT answers with.
     */
    private static boolean producesRows(Gateway.Page page) {
        if (page.queryResult()) {
            return true;
        }
        if (!page.resultKind().equals("SUCCESS_WITH_CONTENT")) {
            return false;
        }
        List<Object> columns = page.columns();
        if (columns.size() == 1) {
            String name = Json.string(Json.object(columns.get(0)).get("name"));
            return !"job id".equalsIgnoreCase(name);
        }
        return true;
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!execute(sql)) {
            throw new SQLException(
                    "the statement returned no rows; use executeUpdate or execute for it", "07000");
        }
        return result;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        if (execute(sql)) {
            closeResult();
            throw new SQLException("the statement returned rows; use executeQuery for it", "07000");
        }
        return 0;
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public ResultSet getResultSet() {
        return result;
    }

    @Override
    public int getUpdateCount() {
        return (int) updateCount;
    }

    @Override
    public long getLargeUpdateCount() {
        return updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        closeResult();
        updateCount = -1;
        return false;
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        return getMoreResults();
    }

    /**
     * Stops what the statement runs: a query's operation is closed on the gateway (its result
     * fetcher, and so a streaming query's job, stop with it); a statement still being executed is
     * cancelled. Safe to call from another thread; a no-op when nothing runs.
     */
    @Override
    public void cancel() throws SQLException {
        cancelled = true;
        GatewayResultSet running = result;
        if (running != null) {
            running.close();
            return;
        }
        String executing = operation;
        if (executing != null) {
            try {
                connection.gateway().cancel(connection.session(), executing);
            } catch (SQLException e) {
                // Finished meanwhile: nothing left to cancel.
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closeResult();
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        if (rows < 0) {
            throw new SQLException("the fetch size cannot be negative", "HY024");
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() {
        return fetchSize;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        if (max < 0) {
            throw new SQLException("max rows cannot be negative", "HY024");
        }
        maxRows = max;
    }

    @Override
    public int getMaxRows() {
        return (int) Math.min(Integer.MAX_VALUE, maxRows);
    }

    @Override
    public long getLargeMaxRows() {
        return maxRows;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        if (seconds < 0) {
            throw new SQLException("the query timeout cannot be negative", "HY024");
        }
        queryTimeout = seconds;
    }

    @Override
    public int getQueryTimeout() {
        return queryTimeout;
    }

    /** When reading must stop ({@link System#nanoTime}), or 0 for never. */
    long deadline() {
        return deadline;
    }

    @Override
    public void setEscapeProcessing(boolean enable) {}

    @Override
    public SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {}

    @Override
    public int getResultSetType() {
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetConcurrency() {
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getFetchDirection() {
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) {}

    @Override
    public void setPoolable(boolean poolable) {}

    @Override
    public boolean isPoolable() {
        return false;
    }

    @Override
    public void closeOnCompletion() {}

    @Override
    public boolean isCloseOnCompletion() {
        return false;
    }

    private void closeResult() throws SQLException {
        if (result != null) {
            result.close();
            result = null;
        }
        operation = null;
        updateCount = -1;
    }

    private void open() throws SQLException {
        if (closed) {
            throw new SQLException("the statement is closed", "HY010");
        }
        connection.open();
    }

    /** Rows of a statement the driver runs for itself (metadata), read to their end. */
    static List<Object[]> rows(SluiceConnection connection, String sql) throws SQLException {
        try (SluiceStatement statement = new SluiceStatement(connection)) {
            java.util.List<Object[]> rows = new java.util.ArrayList<>();
            if (!statement.execute(sql)) {
                return rows;
            }
            try (ResultSet rs = statement.getResultSet()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
