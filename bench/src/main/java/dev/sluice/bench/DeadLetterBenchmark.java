package dev.sluice.bench;

import dev.sluice.cli.generate.Topics;
import dev.sluice.cli.generate.TransactionGenerator;
import dev.sluice.cli.generate.TransactionJson;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.server.deploy.GatewaySession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the dead-letter connector costs, side by side in one run on an embedded stack: the fraud
 * pipeline's HOP aggregation (blackhole sink) over a clean topic read by plain Kafka ({@code
 * 'sluice.on-error' = 'fail'}) and by Sluice's dead-letter connector, and over a topic with one
 * malformed record per hundred valid ones. Also the same through a one-phase window aggregation,
 * which counts every late record exactly. Rounds rotate the order of the variants. Prints events/s
 * and ratios; asserts nothing.
 */
public final class DeadLetterBenchmark {

    private static final int ROUNDS = 4;

    private static final List<byte[]> MALFORMED =
            List.of(
                    utf8("not json at all"),
                    utf8("{\"account_id\":\"acct-bad\",\"amount\":\"twelve\"}"),
                    utf8("{\"account_id\":\"acct-bad\",\"merch"),
                    new byte[] {0, (byte) 0xff, (byte) 0xfe, 1, 2},
                    utf8(
                            "{\"account_id\":\"acct-bad\",\"amount\":1.00,\"event_time\":\"yesterday\"}"));

    private DeadLetterBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        String id = UUID.randomUUID().toString().substring(0, 8);
        String clean = "bench-clean-" + id;
        String dirty = "bench-dirty-" + id;
        try (SluiceStack stack = SluiceStack.start(Bench.stackOptions())) {
            produce(stack.kafkaBootstrap(), clean, events, false);
            produce(stack.kafkaBootstrap(), dirty, events, true);
            try (GatewaySession session = new GatewaySession(stack.gatewayService())) {
                Bench.script(
                                "dead-letter-bench.sql",
                                Map.of("id", id, "clean", clean, "dirty", dirty))
                        .forEach(session::execute);
                Map<String, List<Double>> results = new LinkedHashMap<>();
                Map<String, Variant> variants = new LinkedHashMap<>();
                variants.put("plain Kafka", new Variant("plain_" + id, false));
                variants.put("dead-letter connector", new Variant("wrapped_" + id, false));
                variants.put("dead-letter connector, 1 % bad", new Variant("dirty_" + id, false));
                variants.put(
                        "dead-letter connector, one-phase", new Variant("wrapped_" + id, true));
                for (int round = 0; round <= ROUNDS; round++) {
                    StringBuilder line =
                            new StringBuilder(round == 0 ? "warm-up:" : "round " + round + ":");
                    // Each round starts with another variant: no variant always runs right
                    // after the same one (JIT, GC and page cache favour some positions).
                    List<Map.Entry<String, Variant>> order = new ArrayList<>(variants.entrySet());
                    java.util.Collections.rotate(order, -round);
                    for (Map.Entry<String, Variant> variant : order) {
                        double rate = variant.getValue().run(stack, session, events);
                        if (round > 0) {
                            results.computeIfAbsent(variant.getKey(), k -> new ArrayList<>())
                                    .add(rate);
                        }
                        line.append(" %s %,.0f ev/s;".formatted(variant.getKey(), rate));
                    }
                    System.out.println(line);
                }
                double plain = Bench.median(results.get("plain Kafka"));
                double wrapped = Bench.median(results.get("dead-letter connector"));
                double bad = Bench.median(results.get("dead-letter connector, 1 % bad"));
                double onePhase = Bench.median(results.get("dead-letter connector, one-phase"));
                System.out.printf(
                        "HOP 10 min / 1 min, %,d valid events, parallelism 2, medians of %d rounds:%n"
                                + "  dead-letter connector ÷ plain Kafka = %.2f (goal >= 0.97)%n"
                                + "  dead-letter connector with 1 %% bad records ÷ plain Kafka = %.2f (goal >= 0.9)%n"
                                + "  one-phase ÷ two-phase window aggregation = %.2f%n",
                        events, ROUNDS, wrapped / plain, bad / plain, onePhase / wrapped);
            }
        }
    }

    /** One way to run the pipeline: over which table, with which aggregation strategy. */
    private record Variant(String table, boolean onePhase) {

        double run(SluiceStack stack, GatewaySession session, int events)
                throws InterruptedException {
            if (onePhase) {
                session.execute(
                        statement("SET 'table.optimizer.agg-phase-strategy' = 'ONE_PHASE'"));
            }
            try {
                SqlStatement insert =
                        Bench.script("dead-letter-insert.sql", Map.of("table", table)).get(0);
                return Bench.eventsPerSecond(stack, session, insert, events);
            } finally {
                if (onePhase) {
                    session.execute(statement("RESET 'table.optimizer.agg-phase-strategy'"));
                }
            }
        }

        private static SqlStatement statement(String sql) {
            return new SqlStatement("bench", 1, 1, 1, sql);
        }
    }

    /** {@code events} transactions keyed by account; with {@code bad}, one malformed per 100. */
    private static void produce(String bootstrap, String topic, int events, boolean bad) {
        Topics.ensure(bootstrap, topic, 4);
        TransactionGenerator generator =
                new TransactionGenerator(
                        7,
                        10_000,
                        0.002,
                        LocalDateTime.of(2026, 1, 1, 0, 0),
                        Duration.ofMillis(50));
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                var tx = generator.next();
                producer.send(
                        new ProducerRecord<>(
                                topic, utf8(tx.accountId()), TransactionJson.toJson(tx)));
                if (bad && i % 100 == 50) {
                    producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    utf8("bad-" + i),
                                    MALFORMED.get(i / 100 % MALFORMED.size())));
                }
            }
            producer.flush();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
