package dev.sluice.bench;

import dev.sluice.cli.generate.Topics;
import dev.sluice.cli.generate.TransactionGenerator;
import dev.sluice.cli.generate.TransactionProducer;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.server.deploy.GatewaySession;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        try (SluiceStack stack = SluiceStack.start(Bench.stackOptions())) {
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
                double plain = Bench.median(without);
                double scored = Bench.median(with);
                System.out.printf(
                        "scoring pipeline, %,d events, parallelism 2: with score %,.0f ev/s ÷ without %,.0f ev/s = %.2f (goal >= 0.9)%n",
                        events, scored, plain, scored / plain);
            }
        }
    }

    private static double eventsPerSecond(
            SluiceStack stack, GatewaySession session, String insert, String topic, int events)
            throws InterruptedException {
        return Bench.eventsPerSecond(stack, session, script(insert, topic).get(0), events);
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
        return Bench.script(resource, Map.of("topic", topic));
    }
}
