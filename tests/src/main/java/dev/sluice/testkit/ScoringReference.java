package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.generate.Transaction;
import dev.sluice.udfs.FraudReasons;
import dev.sluice.udfs.FraudScore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code sql/pipelines/scored_transactions.sql} must output, computed by calling the same Java
 * functions directly: per transaction, the account's transactions of the hour up to and including
 * it (the OVER window), their mean and population standard deviation computed as Flink does (sums
 * and sums of squares), then {@link FraudScore} and {@link FraudReasons}.
 */
public final class ScoringReference {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One scored transaction, keyed by what identifies the input transaction. */
    public record Scored(String key, Double score, List<String> reasons) {

        public static Scored fromJson(String json) {
            try {
                JsonNode node = MAPPER.readTree(json);
                List<String> reasons = new ArrayList<>();
                node.path("reasons").forEach(r -> reasons.add(r.asText()));
                return new Scored(
                        keyOf(
                                node.path("account_id").asText(),
                                LocalDateTime.parse(
                                        node.path("event_time").asText().replace(' ', 'T')),
                                node.path("merchant").asText(),
                                node.path("amount").decimalValue()),
                        node.path("score").isNull() ? null : node.path("score").asDouble(),
                        reasons);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private ScoringReference() {}

    public static List<Scored> score(List<Transaction> input) {
        FraudScore score = new FraudScore();
        FraudReasons reasons = new FraudReasons();
        Map<String, List<Transaction>> byAccount =
                input.stream().collect(Collectors.groupingBy(Transaction::accountId));
        List<Scored> scored = new ArrayList<>();
        for (Transaction tx : input) {
            LocalDateTime from = tx.eventTime().minusHours(1);
            List<Double> window =
                    byAccount.get(tx.accountId()).stream()
                            .filter(
                                    o ->
                                            !o.eventTime().isBefore(from)
                                                    && !o.eventTime().isAfter(tx.eventTime()))
                            .map(o -> o.amount().doubleValue())
                            .toList();
            double sum = window.stream().mapToDouble(Double::doubleValue).sum();
            double sumSquares = window.stream().mapToDouble(v -> v * v).sum();
            long n = window.size();
            double mean = sum / n;
            double stddev = Math.sqrt(Math.max(0, (sumSquares - sum * sum / n) / n));
            double amount = tx.amount().doubleValue();
            int hour = tx.eventTime().getHour();
            String[] why =
                    reasons.eval(amount, mean, stddev, n, n, tx.merchant(), tx.country(), hour);
            scored.add(
                    new Scored(
                            keyOf(tx.accountId(), tx.eventTime(), tx.merchant(), tx.amount()),
                            score.eval(
                                    amount, mean, stddev, n, n, tx.merchant(), tx.country(), hour),
                            List.of(why)));
        }
        return scored;
    }

    /**
     * Same transactions, each exactly once; scores equal up to floating-point summation order;
     * reasons equal, the amount's z-score figure up to rounding.
     */
    public static void assertSameScores(Collection<Scored> actual, Collection<Scored> expected) {
        assertThat(actual.stream().map(Scored::key).sorted().toList())
                .isEqualTo(expected.stream().map(Scored::key).sorted().toList());
        Map<String, Scored> byKey = new HashMap<>();
        expected.forEach(s -> byKey.put(s.key(), s));
        for (Scored got : actual) {
            Scored want = byKey.get(got.key());
            assertThat(got.score()).as(got.key()).isCloseTo(want.score(), within(1e-6));
            assertThat(withoutFigures(got.reasons()))
                    .as(got.key())
                    .isEqualTo(withoutFigures(want.reasons()));
        }
    }

    /** A high-risk alert: a HOP window over 10,000 whose highest score is at least 0.8. */
    public record HighRisk(
            String accountId,
            LocalDateTime start,
            LocalDateTime end,
            BigDecimal total,
            double maxScore) {

        public static HighRisk fromJson(String json) {
            try {
                JsonNode node = MAPPER.readTree(json);
                return new HighRisk(
                        node.path("account_id").asText(),
                        LocalDateTime.parse(node.path("window_start").asText().replace(' ', 'T')),
                        LocalDateTime.parse(node.path("window_end").asText().replace(' ', 'T')),
                        node.path("total_amount").decimalValue().setScale(2),
                        node.path("max_score").asDouble());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** HOP(1 min, 10 min) windows over 10,000 whose highest reference score is at least 0.8. */
    public static List<HighRisk> highRisk(List<Transaction> input, List<Scored> scores) {
        Map<String, Double> scoreByKey = new HashMap<>();
        scores.forEach(s -> scoreByKey.put(s.key(), s.score()));
        List<HighRisk> alerts = new ArrayList<>();
        for (WindowAggregate window :
                WindowReference.hop(
                        input,
                        java.time.Duration.ofMinutes(1),
                        java.time.Duration.ofMinutes(10),
                        w -> w.total().compareTo(new BigDecimal("10000")) > 0)) {
            double max =
                    input.stream()
                            .filter(tx -> tx.accountId().equals(window.accountId()))
                            .filter(
                                    tx ->
                                            !tx.eventTime().isBefore(window.windowStart())
                                                    && tx.eventTime().isBefore(window.windowEnd()))
                            .mapToDouble(
                                    tx ->
                                            scoreByKey.get(
                                                    keyOf(
                                                            tx.accountId(),
                                                            tx.eventTime(),
                                                            tx.merchant(),
                                                            tx.amount())))
                            .max()
                            .orElse(0);
            if (max >= 0.8) {
                alerts.add(
                        new HighRisk(
                                window.accountId(),
                                window.windowStart(),
                                window.windowEnd(),
                                window.total(),
                                max));
            }
        }
        return alerts;
    }

    /** Same windows exactly once; the highest score equal up to floating-point summation order. */
    public static void assertSameHighRisk(List<HighRisk> actual, List<HighRisk> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(
                        actual.stream()
                                .map(h -> List.of(h.accountId(), h.start(), h.end(), h.total()))
                                .toList())
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream()
                                .map(h -> List.of(h.accountId(), h.start(), h.end(), h.total()))
                                .toList());
        Map<List<Object>, Double> want = new HashMap<>();
        expected.forEach(h -> want.put(List.of(h.accountId(), h.start(), h.end()), h.maxScore()));
        for (HighRisk got : actual) {
            assertThat(got.maxScore())
                    .isCloseTo(
                            want.get(List.of(got.accountId(), got.start(), got.end())),
                            within(1e-6));
        }
    }

    private static List<String> withoutFigures(List<String> reasons) {
        return reasons.stream().map(r -> r.replaceAll("^amount [0-9.]+ ", "amount N ")).toList();
    }

    private static String keyOf(
            String account, LocalDateTime time, String merchant, BigDecimal amount) {
        return account + "|" + time + "|" + merchant + "|" + amount.setScale(2);
    }
}
