package dev.sluice.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TransactionGeneratorTest {

    private static final LocalDateTime START = LocalDateTime.of(2026, 3, 1, 12, 0);

    private static List<Transaction> take(long seed, int count, double burstProbability) {
        TransactionGenerator generator =
                new TransactionGenerator(seed, 100, burstProbability, START, Duration.ofSeconds(1));
        return IntStream.range(0, count).mapToObj(i -> generator.next()).toList();
    }

    @Test
    void sameSeedGivesTheSameStream() {
        assertThat(take(42, 500, 0.01)).isEqualTo(take(42, 500, 0.01));
        assertThat(take(42, 500, 0.01)).isNotEqualTo(take(43, 500, 0.01));
    }

    @Test
    void everydaySpendingStaysFarBelowTheAlertThreshold() {
        List<Transaction> txs = take(1, 20_000, 0.0);
        Map<String, BigDecimal> perAccount =
                txs.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Transaction::accountId,
                                        Collectors.reducing(
                                                BigDecimal.ZERO,
                                                Transaction::amount,
                                                BigDecimal::add)));

        assertThat(txs).allMatch(tx -> tx.amount().signum() > 0 && tx.amount().scale() == 2);
        // 200 transactions per account over 5.5 hours: a 10-minute window sees far less than this.
        assertThat(perAccount.values())
                .allMatch(total -> total.compareTo(new BigDecimal("40000")) < 0);
    }

    @Test
    void fraudBurstsPushOneAccountOverTenThousandWithinMinutes() {
        List<Transaction> txs = take(5, 5_000, 0.005);
        List<Transaction> large =
                txs.stream()
                        .filter(tx -> tx.amount().compareTo(new BigDecimal("1200")) >= 0)
                        .toList();

        Map<String, BigDecimal> burstTotals =
                large.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Transaction::accountId,
                                        Collectors.reducing(
                                                BigDecimal.ZERO,
                                                Transaction::amount,
                                                BigDecimal::add)));
        assertThat(burstTotals.values())
                .anyMatch(total -> total.compareTo(new BigDecimal("10000")) > 0);
    }

    @Test
    void eventTimeIsSlightlyOutOfOrderButNeverMoreThanTwoSeconds() {
        List<Transaction> txs = take(9, 2_000, 0.01);
        boolean outOfOrder = false;
        LocalDateTime max = LocalDateTime.MIN;
        for (Transaction tx : txs) {
            if (tx.eventTime().isBefore(max)) {
                outOfOrder = true;
                assertThat(Duration.between(tx.eventTime(), max))
                        .isLessThanOrEqualTo(Duration.ofSeconds(2));
            }
            max = tx.eventTime().isAfter(max) ? tx.eventTime() : max;
        }
        assertThat(outOfOrder).isTrue();
    }

    @Test
    void serializesAsFlinkJsonReadsIt() {
        Transaction tx =
                new Transaction(
                        "acc-00001",
                        "ikea",
                        new BigDecimal("12.50"),
                        "NL",
                        START.plusNanos(7_000_000));

        assertThat(new String(TransactionJson.toJson(tx), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"account_id\":\"acc-00001\",\"merchant\":\"ikea\",\"amount\":12.50,"
                                + "\"country\":\"NL\",\"event_time\":\"2026-03-01 12:00:00.007\"}");
    }
}
