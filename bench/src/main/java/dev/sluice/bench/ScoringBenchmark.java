package dev.sluice.bench;

import dev.sluice.cli.generate.Topics;
import dev.sluice.cli.generate.TransactionGenerator;
import dev.sluice.cli.generate.TransactionProducer;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.policy.sql.SqlScript;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.runtime.StackOptions;
import dev.sluice.server.GatewayOptions;
import dev.sluice.server.deploy.GatewaySession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;

/**
 * Events per second of the scoring pipeline with FRAUD_SCORE and FRAUD_REASONS ÷ the same pipeline
 * without them (same source, same OVER window features, blackhole sinks), measured side by side in
 * one run on an embedded stack: the cost of the functions. Goal: at least 0.9.
 */
public final class ScoringBenchmark {

    private static final int ROUNDS = 3;

    private ScoringBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        try (SluiceStack stack = SluiceStack.start(options())) {
            String topic = "bench-tx-" + UUID.randomUUID().toString().substring(0, 8);
            produce(stack.kafkaBootstrap(), topic, events);
            try (GatewaySession session = new GatewaySession(stack.gatewayService())) {
                script("scoring-bench.sql", topic).forEach(session::execute);
                // One untimed round of each: class loading and JIT would otherwise favour the
                // second.
                eventsPerSecond(stack, session, "without-score.sql", topic, events);
                eventsPerSecond(stack, session, "with-score.sql", topic, events);
                List<Double> without = new ArrayList<>();
                List<Double> with = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    without.add(
                            eventsPerSecond(stack, session, "without-score.sql", topic, events));
                    with.add(eventsPerSecond(stack, session, "with-score.sql", topic, events));
                    System.out.printf(
                            "round %d: without score %,.0f ev/s, with score %,.0f ev/s%n",
                            round + 1, without.get(round), with.get(round));
                }
                double plain = median(without);
                double scored = median(with);
                System.out.printf(
                        "scoring pipeline, %,d events, parallelism 2: with score %,.0f ev/s ÷ without %,.0f ev/s = %.2f (goal >= 0.9)%n",
                        events, scored, plain, scored / plain);
            }
        }
    }

    private static double eventsPerSecond(
            SluiceStack stack, GatewaySession session, String insert, String topic, int events)
            throws InterruptedException {
        long start = System.nanoTime();
        JobID job = session.execute(script(insert, topic).get(0)).orElseThrow();
        while (!stack.flink().jobStatus(job).isGloballyTerminalState()) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        if (stack.flink().jobStatus(job) != JobStatus.FINISHED) {
            throw new IllegalStateException(insert + " ended " + stack.flink().jobStatus(job));
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private static void produce(String bootstrap, String topic, int events) {
        Topics.ensure(bootstrap, topic, 4);
        TransactionGenerator generator =
                new TransactionGenerator(
                        7,
                        10_000,
                        0.002,
                        LocalDateTime.of(2026, 1, 1, 0, 0),
                        Duration.ofMillis(50));
        try (TransactionProducer producer = new TransactionProducer(bootstrap, topic)) {
            for (int i = 0; i < events; i++) {
                producer.send(generator.next());
            }
            producer.flush();
        }
    }

    private static List<SqlStatement> script(String resource, String topic) {
        try (InputStream in = ScoringBenchmark.class.getResourceAsStream("/" + resource)) {
            String sql =
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .replace("${topic}", topic);
            return SqlScript.split(resource, sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StackOptions options() throws IOException {
        return new StackOptions(
                new GatewayOptions(GatewayOptions.LOOPBACK, 0),
                0,
                Files.createTempDirectory("sluice-bench-"),
                2,
                Optional.empty(),
                Duration.ofSeconds(1),
                Optional.empty(),
                GuardPolicy.defaults(),
                Set.of());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
