package dev.sluice.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What a query's result set adds to JDBC: each row's kind in a changelog ({@code +I}, {@code -U},
 * {@code +U}, {@code -D}) and the job of a streaming query. Get it with {@code
 * resultSet.unwrap(SluiceResultSet.class)}; or connect with {@code changelog=true} for a leading
 * {@code op} column.
 */
public interface SluiceResultSet extends ResultSet {

    /** The kind of the current row: {@code +I}, {@code -U}, {@code +U} or {@code -D}. */
    String rowKind() throws SQLException;

    /** The job that computes the result, for a query Flink runs as a job. */
    Optional<String> jobId();
}
