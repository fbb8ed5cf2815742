package dev.sluice.bench.compare;

import java.time.Duration;
import java.util.Map;

/**
 * Creates the same tables on both sides and runs bounded pipelines over them, timed from the
 * INSERT's submission through the JDBC driver to the job's end (its last checkpoint committed).
 */
final class Runner {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(30);

    private final String bootstrap;
    private final String id;
    private final String topic;
    private final int events;

    Runner(String bootstrap, String id, String topic, int events) {
        this.bootstrap = bootstrap;
        this.id = id;
        this.topic = topic;
        this.events = events;
    }

    /** One bounded run: events per second of wall time and the side's CPU seconds during it. */
    record Run(double rate, double cpu) {}

    /**
     * The source table, one sink table per workload (exactly-once) and the at-least-once sink of
     * the fraud pipeline, the functions. Stock Flink gets the two settings it needs to be correct:
     * checkpoints (exactly-once, every second) and, in the sink's DDL, a transaction timeout under
     * the broker's maximum; Sluice adds both itself, and the same DDL runs on both.
     */
    void setUp(Side side) throws Exception {
        if (side.name.equals(CompareBenchmark.STOCK)) {
            side.execute("SET 'execution.checkpointing.interval' = '1s'");
        }
        side.execute(
                """
                CREATE TABLE bench_tx (
                    account_id STRING, merchant STRING, amount DECIMAL(12, 2), country STRING,
                    event_time TIMESTAMP(3),
                    WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND
                ) WITH ('connector' = 'kafka', 'topic' = '%s',
                    'properties.bootstrap.servers' = '%s',
                    'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
                    'format' = 'json')"""
                        .formatted(topic, bootstrap));
        side.execute("CREATE TEMPORARY FUNCTION bench_score AS 'dev.sluice.udfs.FraudScore'");
        side.execute("CREATE TEMPORARY FUNCTION bench_reasons AS 'dev.sluice.udfs.FraudReasons'");
        for (Workload workload : Workload.ALL) {
            createSink(side, workload, "eo");
        }
        createSink(side, Workload.FRAUD_HOP, "alo");
    }

    private void createSink(Side side, Workload workload, String guarantee) throws Exception {
        String table = workload.sinkTable(guarantee);
        String sinkTopic =
                "compare-" + id + "-" + side.name.replaceAll("[^A-Za-z]", "") + "-" + table;
        String delivery =
                guarantee.equals("eo")
                        ? "'sink.delivery-guarantee' = 'exactly-once',"
                                + " 'sink.transactional-id-prefix' = '"
                                + sinkTopic
                                + "', 'properties.transaction.timeout.ms' = '600000'"
                        : "'sink.delivery-guarantee' = 'at-least-once'";
        side.execute(
                """
                CREATE TABLE %s (%s) WITH ('connector' = 'kafka', 'topic' = '%s',
                    'properties.bootstrap.servers' = '%s', 'format' = 'json', %s)"""
                        .formatted(table, workload.sinkColumns(), sinkTopic, bootstrap, delivery));
    }

    /** Runs {@code workload} over the whole topic to its end, with {@code set} for this run. */
    Run bounded(Side side, Workload workload, String guarantee, Map<String, String> set)
            throws Exception {
        for (Map.Entry<String, String> option : set.entrySet()) {
            side.execute("SET '%s' = '%s'".formatted(option.getKey(), option.getValue()));
        }
        try {
            double cpu = side.cpuSeconds();
            long start = System.currentTimeMillis();
            String job =
                    side.execute(workload.insertSql("bench_tx", workload.sinkTable(guarantee)))
                            .orElseThrow(() -> new IllegalStateException("no job id"));
            side.awaitJob(job, JOB_TIMEOUT, "FINISHED");
            double cpuSeconds = side.cpuSeconds() - cpu;
            // Same machine, same clock: from submission to the end Flink recorded.
            double seconds = (side.endTime(job) - start) / 1e3;
            return new Run(events / seconds, cpuSeconds);
        } finally {
            for (String option : set.keySet()) {
                side.execute("RESET '%s'".formatted(option));
            }
            if (side.name.equals(CompareBenchmark.STOCK)
                    && set.containsKey("execution.checkpointing.interval")) {
                side.execute("SET 'execution.checkpointing.interval' = '1s'");
            }
        }
    }

    double plainConsumer() {
        return CompareBenchmark.plainConsumerRate(bootstrap, topic);
    }
}
