package dev.sluice.bench.compare;

import java.util.List;

/**
 * A bounded pipeline both sides run with the same SQL: from the transactions table {@code {src}}
 * into a Kafka sink table {@code {sink}} of the given columns.
 *
 * @param key the name of the {@code workloads=} argument
 * @param name short name in the output
 * @param sinkColumns the sink table's columns
 * @param insert the INSERT, with {@code {src}} and {@code {sink}} placeholders
 */
record Workload(String key, String name, String sinkColumns, String insert) {

    private static final String WINDOW_COLUMNS =
            "account_id STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),"
                    + " total_amount DECIMAL(38, 2), tx_count BIGINT";

    /** sql/pipelines/fraud_alerts.sql, over the benchmark's tables. */
    static final Workload FRAUD_HOP =
            new Workload(
                    "hop",
                    "fraud HOP",
                    WINDOW_COLUMNS,
                    """
                    INSERT INTO {sink}
                    SELECT account_id, window_start, window_end, SUM(amount) AS total_amount,
                        COUNT(*) AS tx_count
                    FROM TABLE(
                        HOP(TABLE {src}, DESCRIPTOR(event_time), INTERVAL '1' MINUTE,
                            INTERVAL '10' MINUTES))
                    GROUP BY account_id, window_start, window_end
                    HAVING SUM(amount) > 10000""");

    static final Workload TUMBLE =
            new Workload(
                    "tumble",
                    "TUMBLE",
                    WINDOW_COLUMNS,
                    """
                    INSERT INTO {sink}
                    SELECT account_id, window_start, window_end, SUM(amount), COUNT(*)
                    FROM TABLE(TUMBLE(TABLE {src}, DESCRIPTOR(event_time), INTERVAL '1' MINUTE))
                    GROUP BY account_id, window_start, window_end""");

    static final Workload SESSION =
            new Workload(
                    "session",
                    "SESSION",
                    WINDOW_COLUMNS,
                    """
                    INSERT INTO {sink}
                    SELECT account_id, window_start, window_end, SUM(amount), COUNT(*)
                    FROM TABLE(SESSION(TABLE {src} PARTITION BY account_id, DESCRIPTOR(event_time),
                        INTERVAL '5' MINUTES))
                    GROUP BY account_id, window_start, window_end""");

    static final Workload PASS_THROUGH =
            new Workload(
                    "pass",
                    "pass-through",
                    "account_id STRING, merchant STRING, amount DECIMAL(12, 2), country STRING,"
                            + " event_time TIMESTAMP(3)",
                    "INSERT INTO {sink} SELECT account_id, merchant, amount, country, event_time"
                            + " FROM {src}");

    private static final String FEATURES =
            """
            (SELECT account_id, merchant, amount, country, event_time,
                AVG(CAST(amount AS DOUBLE)) OVER w        AS mean_amount,
                STDDEV_POP(CAST(amount AS DOUBLE)) OVER w AS stddev_amount,
                COUNT(*) OVER w                           AS recent_count
            FROM {src}
            WINDOW w AS (PARTITION BY account_id ORDER BY event_time
                RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW))""";

    /** The scoring pipeline's shape (sql/views/scored.sql): OVER features and FRAUD_SCORE. */
    static final Workload SCORING =
            new Workload(
                    "scoring",
                    "scoring",
                    "account_id STRING, amount DECIMAL(12, 2), score DOUBLE, reasons ARRAY<STRING>",
                    """
                    INSERT INTO {sink}
                    SELECT account_id, amount,
                        bench_score(CAST(amount AS DOUBLE), mean_amount, stddev_amount,
                            recent_count, recent_count, merchant, country,
                            CAST(HOUR(event_time) AS INT)),
                        bench_reasons(CAST(amount AS DOUBLE), mean_amount, stddev_amount,
                            recent_count, recent_count, merchant, country,
                            CAST(HOUR(event_time) AS INT))
                    FROM
                    """
                            + FEATURES);

    /** The same features without the fraud functions. */
    static final Workload SCORING_WITHOUT =
            new Workload(
                    "features",
                    "features only",
                    "account_id STRING, amount DECIMAL(12, 2), mean_amount DOUBLE,"
                            + " stddev_amount DOUBLE, recent_count BIGINT",
                    "INSERT INTO {sink} SELECT account_id, amount, mean_amount, stddev_amount,"
                            + " recent_count FROM "
                            + FEATURES);

    static final List<Workload> ALL =
            List.of(FRAUD_HOP, TUMBLE, SESSION, PASS_THROUGH, SCORING, SCORING_WITHOUT);

    /** The sink table's name in each side's catalog. */
    String sinkTable(String guarantee) {
        return "out_" + name.toLowerCase().replaceAll("[^a-z0-9]+", "_") + "_" + guarantee;
    }

    String insertSql(String source, String sink) {
        return insert.replace("{src}", source).replace("{sink}", sink);
    }
}
