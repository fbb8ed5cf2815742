package dev.sluice.testkit;

import dev.sluice.policy.sql.SqlScript;
import dev.sluice.policy.sql.SqlStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs SQL through the stock Flink JDBC driver, as a user's client would. */
public final class JdbcSql {

    private JdbcSql() {}

    /** Runs a statement; returns the job id when it started one. */
    public static Optional<String> execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean hasResult = statement.execute(sql);
            if (!hasResult) {
                return Optional.empty();
            }
            try (ResultSet result = statement.getResultSet()) {
                if (result.getMetaData().getColumnCount() == 1
                        && result.getMetaData().getColumnName(1).equals("job id")
                        && result.next()) {
                    return Optional.of(String.valueOf(result.getObject(1)));
                }
            }
            return Optional.empty();
        }
    }

    /** The first column of every row a statement returns, as strings. */
    public static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            try (ResultSet result = statement.getResultSet()) {
                while (result.next()) {
                    rows.add(String.valueOf(result.getObject(1)));
                }
            }
        }
        return rows;
    }

    public static void executeAll(Connection connection, List<SqlStatement> statements)
            throws SQLException {
        for (SqlStatement statement : statements) {
            execute(connection, statement.text());
        }
    }

    /** A test resource script with {@code ${name}} placeholders filled in. */
    public static List<SqlStatement> resource(String path, Map<String, String> variables) {
        try (InputStream in = JdbcSql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> variable : variables.entrySet()) {
                sql = sql.replace("${" + variable.getKey() + "}", variable.getValue());
            }
            return SqlScript.split(path, sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A refusal as a client sees it: the whole chain, with every cause's message (the stock JDBC
     * driver wraps the gateway's message several levels deep).
     */
    public static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
