package dev.sluice.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.sluice.cli.Main;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.server.deploy.DeployException;
import dev.sluice.server.deploy.DeployOptions;
import dev.sluice.server.deploy.Deployer;
import dev.sluice.server.deploy.Deployment;
import dev.sluice.server.deploy.FlinkJobs;
import dev.sluice.server.deploy.ProjectFile;
import dev.sluice.server.deploy.Step;
import dev.sluice.testkit.JdbcSql;
import dev.sluice.testkit.Jobs;
import dev.sluice.testkit.KafkaTestClient;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice deploy} against the shared stack: plan, apply, idempotence, savepoint upgrades
 * checked against a reference, roll-back of a state-incompatible change, prune, and bad files.
 */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class DeployITCase {

    private final SluiceStack stack;
    private KafkaTestClient kafka;
    private String suffix;
    private String source;
    private String sink;
    private String upgradedJob;

    @TempDir Path dir;

    DeployITCase(SluiceStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void setUp() throws Exception {
        kafka = new KafkaTestClient(stack.kafkaBootstrap());
        suffix = UUID.randomUUID().toString().substring(0, 8);
        source = "payments_" + suffix;
        sink = "big_payments_" + suffix;
        kafka.createTopic(source, 1);
        kafka.createTopic(sink, 1);
        write("tables/" + source + ".sql", table(source, true));
        write("tables/" + sink + ".sql", table(sink, false));
    }

    @AfterEach
    void tearDown() {
        kafka.close();
        // The shared cluster's slots go back for the next test.
        Jobs.cancelAll(stack);
    }

    /**
     * The acceptance path: deploy, deploy again (nothing changes, same job), change the filter
     * (upgrade through a savepoint: old logic before, new logic after, no duplicate, no gap),
     * remove the file (plan shows it, --prune stops it with a savepoint).
     */
    @Test
    void deploysIdempotentlyUpgradesThroughASavepointAndPrunes() throws Exception {
        String pipeline = "filter_" + suffix;
        write("pipelines/" + pipeline + ".sql", filter(100));

        Run first = sluice("deploy", dir.toString());
        assertThat(first.code).as(first.all()).isZero();
        assertThat(first.out)
                .containsPattern("create\\s+table " + source)
                .containsPattern("start\\s+pipeline " + pipeline)
                .contains("Deployed: 3 changes applied.");
        String job = jobOf(pipeline);

        Run again = sluice("deploy", dir.toString());
        assertThat(again.code).as(again.all()).isZero();
        assertThat(again.out).contains("No changes").doesNotContain("[1/");
        assertThat(jobOf(pipeline)).isEqualTo(job);

        List<String> expected = new ArrayList<>();
        produce(0, 200, expected, 100);
        try (KafkaTestClient.Reader committed = kafka.readCommitted(sink)) {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> committed.poll().size() == expected.size());

            write("pipelines/" + pipeline + ".sql", filter(150));
            Run plan = sluice("deploy", dir.toString(), "--plan");
            assertThat(plan.code).as(plan.all()).isZero();
            assertThat(plan.out)
                    .contains("upgrade", "pipeline " + pipeline, "savepoint, then the new version")
                    .containsPattern("Plan: .*1 upgrade");
            assertThat(jobOf(pipeline)).isEqualTo(job);

            Run upgrade = sluice("deploy", dir.toString());
            assertThat(upgrade.code).as(upgrade.all()).isZero();
            assertThat(upgrade.out).contains("[1/1] upgrade pipeline " + pipeline + ": done");
            upgradedJob = jobOf(pipeline);
            String upgraded = upgradedJob;
            assertThat(upgraded).isNotEqualTo(job);

            produce(200, 400, expected, 150);
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> committed.poll().size() >= expected.size());
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> committed.poll().size() == expected.size());
            assertThat(committed.poll()).containsExactlyElementsOf(expected);
        }

        Files.delete(dir.resolve("pipelines/" + pipeline + ".sql"));
        Run kept = sluice("deploy", dir.toString(), "--plan");
        assertThat(kept.out).contains("keep", "its file is gone; --prune stops it");
        assertThat(sluice("deploy", dir.toString(), "--plan", "--prune").out)
                .containsPattern(
                        "stop\\s+pipeline " + pipeline + ".*its file is gone; savepoint, then stop")
                .contains("Plan: ");
        assertThat(jobOf(pipeline)).as("--plan changed nothing").isEqualTo(upgradedJob);
        Run pruned = sluice("deploy", dir.toString(), "--prune");
        assertThat(pruned.code).as(pruned.all()).isZero();
        assertThat(pruned.out).contains("stop pipeline " + pipeline + ": done (savepoint ");
        Run jobs = sluice("jobs");
        assertThat(jobs.out).containsPattern(pipeline + "\\s+STOPPED");
    }

    /**
     * A change the savepoint cannot carry: the previous version runs again, from that savepoint.
     */
    @Test
    void aStateIncompatibleChangeRollsBackToThePreviousVersion() throws Exception {
        String pipeline = "window_" + suffix;
        write("pipelines/" + pipeline + ".sql", filter(100));
        assertThat(sluice("deploy", dir.toString()).code).isZero();
        String job = jobOf(pipeline);

        write(
                "pipelines/" + pipeline + ".sql",
                """
                INSERT INTO %s
                SELECT COUNT(*) AS id, SUM(amount) AS amount
                FROM TABLE(TUMBLE(TABLE %s, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
                GROUP BY window_start, window_end;
                """
                        .formatted(sink, source));
        Run upgrade = sluice("deploy", dir.toString());

        assertThat(upgrade.code).as(upgrade.all()).isEqualTo(1);
        assertThat(upgrade.out)
                .contains("upgrade pipeline " + pipeline + ": failed")
                .contains("the new version did not start")
                .contains("Cannot map checkpoint/savepoint state for operator")
                .contains("The previous version runs again as job")
                .contains("--allow-state-reset")
                .contains("Deploy failed");
        String restored = jobOf(pipeline);
        assertThat(restored).isNotEqualTo(job);
        assertThat(sluice("jobs").out).containsPattern(pipeline + "\\s+RUNNING\\s+" + restored);
        assertThat(sluice("deploy", dir.toString(), "--plan").out)
                .as("the running version is still the old one")
                .contains("upgrade");

        Run stopped = sluice("stop", pipeline);
        assertThat(stopped.code).as(stopped.all()).isZero();
        assertThat(stopped.out).contains("Stopped " + pipeline + " with savepoint ");
        assertThat(sluice("deploy", dir.toString(), "--plan").out)
                .containsPattern("keep\\s+pipeline " + pipeline + ".*sluice resume " + pipeline);

        Run resumed = sluice("resume", pipeline);
        assertThat(resumed.code).as(resumed.all()).isZero();
        String again = jobOf(pipeline);
        assertThat(resumed.out).contains("Resumed " + pipeline + " as job " + again);
        assertThat(sluice("jobs").out).containsPattern(pipeline + "\\s+RUNNING\\s+" + again);

        Run cancelled = sluice("stop", pipeline, "--no-savepoint");
        assertThat(cancelled.out).contains("Stopped " + pipeline + " (cancelled, no savepoint).");
    }

    /**
     * Replay with fresh state: from a timestamp, only the records written since are processed
     * again; from the earliest offset, everything. Each run's output is committed exactly once: the
     * committed output is the reference with exactly those records repeated.
     */
    @Test
    void replaysFromATimestampAndFromTheEarliestOffset() throws Exception {
        String pipeline = "replay_" + suffix;
        write("pipelines/" + pipeline + ".sql", filter(100));
        assertThat(sluice("deploy", dir.toString()).code).isZero();

        List<String> first = new ArrayList<>();
        produce(0, 200, first, 100);
        // Kafka stamps records with the producer's clock in milliseconds: a point strictly
        // between the batches.
        long between = System.currentTimeMillis() + 1;
        await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > between);
        List<String> second = new ArrayList<>();
        produce(200, 300, second, 100);
        List<String> expected = new ArrayList<>(first);
        expected.addAll(second);
        try (KafkaTestClient.Reader committed = kafka.readCommitted(sink)) {
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> committed.poll().size() == expected.size());

            Run replay = sluice("replay", pipeline, "--from-timestamp", Long.toString(between));
            assertThat(replay.code).as(replay.all()).isZero();
            assertThat(replay.out)
                    .contains("Replaying " + pipeline + " from " + between + " as job ");
            expected.addAll(second);
            awaitExactly(committed, expected);

            Run everything = sluice("replay", pipeline, "--from-earliest");
            assertThat(everything.code).as(everything.all()).isZero();
            expected.addAll(first);
            expected.addAll(second);
            awaitExactly(committed, expected);
        }
        Run bad = sluice("replay", pipeline, "--from-timestamp", "yesterday");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err)
                .contains("--from-timestamp must be an instant such as 2026-11-26T10:00:00Z");
        assertThat(sluice("stop", pipeline, "--no-savepoint").code).isZero();
    }

    private static void awaitExactly(KafkaTestClient.Reader committed, List<String> expected) {
        await().atMost(Duration.ofMinutes(2))
                .until(() -> committed.poll().size() >= expected.size());
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(30))
                .until(() -> committed.poll().size() == expected.size());
        assertThat(committed.poll()).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** One bad file: nothing changes, and the error names file, line and column. */
    @Test
    void aBadFileChangesNothingAndNamesItsPosition() throws Exception {
        write("pipelines/ok_" + suffix + ".sql", filter(100));
        write(
                "pipelines/bad_" + suffix + ".sql",
                "-- a typo\nINSERT INTO %s\nSELEC id, amount FROM %s;\n".formatted(sink, source));

        Run run = sluice("deploy", dir.toString());

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err)
                .contains(dir + "/pipelines/bad_" + suffix + ".sql:3:1: [sql-syntax]")
                .contains("Nothing changed: 1 error(s).");
        Run jobs = sluice("jobs");
        assertThat(jobs.out).doesNotContain("ok_" + suffix);
        Run plan = sluice("deploy", dir.toString(), "--plan");
        assertThat(plan.err).as("the tables were not created either").contains("Nothing changed");
    }

    @Test
    void unknownPipelinesAndAnUnreachableGatewayGetClearErrors() {
        Run unknown = sluice("stop", "no_such_pipeline_" + suffix);
        assertThat(unknown.code).isEqualTo(1);
        assertThat(unknown.err).contains("no pipeline named 'no_such_pipeline_" + suffix + "'");

        Run down = sluiceAt("http://127.0.0.1:1", "jobs");
        assertThat(down.code).isEqualTo(1);
        assertThat(down.err)
                .contains("cannot reach the gateway at http://127.0.0.1:1")
                .contains("sluice up");
    }

    // ---- helpers ----

    private String table(String name, boolean source) {
        return """
                CREATE TABLE IF NOT EXISTS %s (
                  id BIGINT,
                  amount DOUBLE%s
                ) WITH (
                  'connector' = 'kafka',
                  'topic' = '%s',
                  %s'format' = 'json'
                );
                """
                .formatted(
                        name,
                        source
                                ? ",\n  ts TIMESTAMP(3),\n  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND"
                                : "",
                        name,
                        source ? "'scan.startup.mode' = 'earliest-offset',\n  " : "");
    }

    private String filter(int threshold) {
        return "-- payments over %d\nINSERT INTO %s\nSELECT id, amount FROM %s WHERE amount > %d;\n"
                .formatted(threshold, sink, source, threshold);
    }

    /**
     * Sends payments {@code from..to} (amount = id), adding the ones over the threshold to
     * expected.
     */
    private void produce(int from, int to, List<String> expected, int threshold) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int i : IntStream.range(from, to).toArray()) {
                String json =
                        "{\"id\":%d,\"amount\":%d.0,\"ts\":\"2026-11-26 10:%02d:00\"}"
                                .formatted(i, i, i % 60);
                producer.send(
                                KafkaTestClient.record(
                                        source, 0, "k", json.getBytes(StandardCharsets.UTF_8)))
                        .get();
                if (i > threshold) {
                    expected.add("{\"id\":%d,\"amount\":%d.0}".formatted(i, i));
                }
            }
        }
    }

    /** #13: Kafka's own tools see a deployed pipeline's progress under a documented group id. */
    @Test
    void aDeployedPipelineCommitsItsOffsetsUnderItsOwnGroup() throws Exception {
        String pipeline = "grouped_" + suffix;
        write("pipelines/" + pipeline + ".sql", filter(100));
        Run deployed = sluice("deploy", dir.toString());
        assertThat(deployed.code).as(deployed.all()).isZero();

        produce(0, 120, new ArrayList<>(), 100);

        await().atMost(Duration.ofMinutes(1))
                .until(() -> kafka.committedOffsets("sluice-pipeline-" + pipeline, source) == 120);

        // Its job is stopped through Sluice, not behind the registry's back.
        String job = jobOf(pipeline);
        try (Connection jdbc = DriverManager.getConnection(stack.jdbcUrl())) {
            assertThatThrownBy(() -> JdbcSql.execute(jdbc, "STOP JOB '" + job + "'"))
                    .hasStackTraceContaining("[deployed-pipeline] job " + job)
                    .hasStackTraceContaining("sluice stop " + pipeline);
        }
        assertThat(jobOf(pipeline)).isEqualTo(job);
    }

    /** #12: two deploys at the same moment must not both plan "start" for the same pipeline. */
    @Test
    void twoDeploysAtTheSameMomentStartEachPipelineOnce() throws Exception {
        String pipeline = "race_" + suffix;
        write("pipelines/" + pipeline + ".sql", filter(100));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(
                        clients.submit(
                                () -> {
                                    go.await();
                                    return sluice("deploy", dir.toString());
                                }));
            }
            go.countDown();
            List<Run> done = new ArrayList<>();
            for (Future<Run> run : runs) {
                done.add(run.get(5, TimeUnit.MINUTES));
            }

            assertThat(done)
                    .allMatch(
                            r -> r.code == 0 || r.all().contains("another deployment"),
                            "applied, or refused because the other one runs");
            assertThat(done).anyMatch(r -> r.code == 0);
        } finally {
            clients.shutdownNow();
        }
        FlinkJobs flink = new FlinkJobs(stack.flinkWebUi());
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                flink.jobs().stream()
                                                .filter(j -> j.name().equals(pipeline))
                                                .filter(j -> j.state() == JobStatus.RUNNING)
                                                .count()
                                        == 1);
        assertThat(jobOf(pipeline)).isNotBlank();
    }

    /**
     * A stop (or resume, or replay) that arrives while a deployment is being applied is refused
     * with the reason, and the deployment still completes every step.
     */
    @Test
    void aStopDuringARunningDeployIsRefusedAndTheDeployCompletes() throws Exception {
        String first = "first_" + suffix;
        write("pipelines/" + first + ".sql", filter(100));
        assertThat(sluice("deploy", dir.toString()).code).isZero();
        String second = "second_" + suffix;
        write("pipelines/" + second + ".sql", filter(200));
        Deployer deployer = stack.deployer();

        Deployment running =
                deployer.apply(
                        dir.toString(),
                        ProjectFile.read(dir),
                        new DeployOptions(false, false, "test"));
        Throwable stop = catchThrowable(() -> deployer.stop(first, true, "test"));
        Run stopFromTheCli = sluice("stop", first);

        assertThat(running.errors()).isEmpty();
        assertThat(stop)
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("another deployment, stop, resume or replay is running");
        assertThat(stopFromTheCli.code).isEqualTo(1);
        assertThat(stopFromTheCli.all()).contains("another deployment, stop, resume or replay");
        await().atMost(Duration.ofMinutes(2))
                .until(() -> deployer.deployment(running.id()).orElseThrow().done());
        Deployment done = deployer.deployment(running.id()).orElseThrow();
        assertThat(done.failed()).as(done.summary()).isFalse();
        assertThat(done.steps())
                .filteredOn(Step::changes)
                .extracting(Step::status)
                .containsOnly(Step.Status.DONE);
        assertThat(jobOf(first)).as("the first pipeline still runs").isNotBlank();
        assertThat(jobOf(second)).isNotBlank();
        // Their slots go back to the shared cluster.
        deployer.stop(first, false, "test");
        deployer.stop(second, false, "test");
    }

    private String jobOf(String pipeline) throws Exception {
        for (String line : sluice("jobs").out.lines().toList()) {
            String[] columns = line.trim().split("\\s+");
            if (columns[0].equals(pipeline)) {
                return columns[2];
            }
        }
        throw new AssertionError("sluice jobs does not list " + pipeline);
    }

    private void write(String path, String text) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Run sluice(String... args) {
        return sluiceAt("http://%s:%d".formatted(stack.gatewayHost(), stack.gatewayPort()), args);
    }

    private static Run sluiceAt(String gateway, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--gateway");
        all.add(gateway);
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }
}
