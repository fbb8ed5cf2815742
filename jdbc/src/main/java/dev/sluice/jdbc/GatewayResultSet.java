package dev.sluice.jdbc;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A statement's result, page by page from the gateway as it is read: a batch result ends, a
 * streaming query's goes on until the result set (or its statement) is closed or cancelled, which
 * closes the operation on the gateway and so stops the job.
 */
final class GatewayResultSet extends BaseResultSet implements SluiceResultSet {

    private final Gateway gateway;
    private final String session;
    private final String operation;
    private final SluiceStatement statement;
    private final boolean changelog;
    private final Optional<String> jobId;
    private final Deque<Map<String, Object>> buffered = new ArrayDeque<>();
    private Optional<String> next;
    private boolean end;
    private String kind = "+I";
    private long read;

    private GatewayResultSet(
            Gateway gateway,
            String session,
            String operation,
            SluiceStatement statement,
            List<Column> columns,
            Gateway.Page first,
            boolean changelog) {
        super(columns(columns, changelog));
        this.gateway = gateway;
        this.session = session;
        this.operation = operation;
        this.statement = statement;
        this.changelog = changelog;
        this.jobId = first.jobId();
        add(first);
    }

    static GatewayResultSet of(
            Gateway gateway,
            String session,
            String operation,
            SluiceStatement statement,
            Gateway.Page first,
            boolean changelog) {
        List<Column> columns = new ArrayList<>();
        for (Object column : first.columns()) {
            Map<String, Object> c = Json.object(column);
            columns.add(
                    new Column(
                            Json.string(c.get("name")),
                            SqlType.fromJson(c.get("logicalType")),
                            Json.string(c.get("comment"))));
        }
        return new GatewayResultSet(
                gateway, session, operation, statement, columns, first, changelog);
    }

    private static List<Column> columns(List<Column> columns, boolean changelog) {
        if (!changelog) {
            return columns;
        }
        List<Column> withOp = new ArrayList<>();
        withOp.add(new Column("op", SqlType.of("CHAR(2) NOT NULL", false)));
        withOp.addAll(columns);
        return withOp;
    }

    private void add(Gateway.Page page) {
        for (Object row : page.rows()) {
            buffered.add(Json.object(row));
        }
        next = page.next();
        end = page.end() || next.isEmpty();
    }

    @Override
    protected boolean advance() throws SQLException {
        long max = statement == null ? 0 : statement.getLargeMaxRows();
        if (max > 0 && read >= max) {
            return false;
        }
        long deadline = statement == null ? 0 : statement.deadline();
        long pause = 10;
        while (buffered.isEmpty()) {
            if (end) {
                return false;
            }
            if (deadline > 0 && System.nanoTime() > deadline) {
                close();
                throw new SQLTimeoutException(
                        "the query ran past its timeout; its job was stopped", "HYT00");
            }
            Gateway.Page page = gateway.fetch(session, operation, next.orElseThrow());
            if (page.notReady()) {
                next = page.next().or(() -> next);
                Gateway.pause(pause);
                pause = Math.min(pause * 2, 200);
                continue;
            }
            add(page);
            if (buffered.isEmpty()) {
                // A streaming query's page can be empty: nothing new yet.
                Gateway.pause(pause);
                pause = Math.min(pause * 2, 200);
            } else {
                pause = 10;
            }
        }
        Map<String, Object> next = buffered.poll();
        List<Object> fields = Json.array(next.get("fields"));
        kind = kind(Json.string(next.get("kind")));
        int offset = changelog ? 1 : 0;
        row = new Object[fields.size() + offset];
        if (changelog) {
            row[0] = kind;
        }
        for (int i = 0; i < fields.size(); i++) {
            row[i + offset] = fields.get(i);
        }
        read++;
        return true;
    }

    private static String kind(String gateway) {
        if (gateway == null) {
            return "+I";
        }
        return switch (gateway) {
            case "UPDATE_BEFORE" -> "-U";
            case "UPDATE_AFTER" -> "+U";
            case "DELETE" -> "-D";
            default -> "+I";
        };
    }

    @Override
    public String rowKind() throws SQLException {
        if (row == null) {
            throw new SQLException("no current row: call next() first", "24000");
        }
        return kind;
    }

    @Override
    public Optional<String> jobId() {
        return jobId;
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public int getFetchSize() {
        return statement == null ? 0 : statement.getFetchSize();
    }

    @Override
    public void setFetchSize(int rows) {}

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        super.close();
        try {
            gateway.close(session, operation);
        } catch (SQLException e) {
            // Closed already (the session ended, or the gateway forgot the operation): nothing
            // left.
        }
    }
}
