package dev.sluice.testkit;

import dev.sluice.cli.generate.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Window results computed with plain Java arithmetic, independently of Flink, to compare pipeline
 * output against.
 */
public final class WindowReference {

    private WindowReference() {}

    /** HOP windows of {@code size} every {@code slide}, aligned to the epoch. */
    public static List<WindowAggregate> hop(
            List<Transaction> input,
            Duration slide,
            Duration size,
            Predicate<WindowAggregate> having) {
        Map<Key, Acc> windows = new TreeMap<>();
        long slideMs = slide.toMillis();
        long sizeMs = size.toMillis();
        for (Transaction tx : input) {
            long t = millis(tx.eventTime());
            long lastStart = Math.floorDiv(t, slideMs) * slideMs;
            for (long start = lastStart; start > t - sizeMs; start -= slideMs) {
                windows.computeIfAbsent(
                                new Key(tx.accountId(), start, start + sizeMs), k -> new Acc())
                        .add(tx.amount());
            }
        }
        return collect(windows, having);
    }

    /** TUMBLE windows of {@code size}, aligned to the epoch. */
    public static List<WindowAggregate> tumble(List<Transaction> input, Duration size) {
        return hop(input, size, size, any -> true);
    }

    /** SESSION windows per account: a gap of {@code gap} or more without events ends a session. */
    public static List<WindowAggregate> session(List<Transaction> input, Duration gap) {
        Map<Key, Acc> windows = new TreeMap<>();
        long gapMs = gap.toMillis();
        Map<String, List<Transaction>> byAccount =
                input.stream().collect(Collectors.groupingBy(Transaction::accountId));
        for (List<Transaction> txs : byAccount.values()) {
            List<Transaction> sorted = new ArrayList<>(txs);
            sorted.sort(Comparator.comparing(Transaction::eventTime));
            int first = 0;
            for (int i = 1; i <= sorted.size(); i++) {
                boolean ends =
                        i == sorted.size()
                                || millis(sorted.get(i).eventTime())
                                                - millis(sorted.get(i - 1).eventTime())
                                        >= gapMs;
                if (ends) {
                    Acc acc = new Acc();
                    sorted.subList(first, i).forEach(tx -> acc.add(tx.amount()));
                    long start = millis(sorted.get(first).eventTime());
                    long end = millis(sorted.get(i - 1).eventTime()) + gapMs;
                    windows.put(new Key(sorted.get(first).accountId(), start, end), acc);
                    first = i;
                }
            }
        }
        return collect(windows, any -> true);
    }

    private static List<WindowAggregate> collect(
            Map<Key, Acc> windows, Predicate<WindowAggregate> having) {
        return windows.entrySet().stream()
                .map(
                        e ->
                                new WindowAggregate(
                                        e.getKey().account(),
                                        time(e.getKey().start()),
                                        time(e.getKey().end()),
                                        e.getValue().total,
                                        e.getValue().count))
                .filter(having)
                .toList();
    }

    private static long millis(LocalDateTime time) {
        return time.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static LocalDateTime time(long millis) {
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000),
                Math.floorMod(millis, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }

    private record Key(String account, long start, long end) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            return Comparator.comparing(Key::account)
                    .thenComparingLong(Key::start)
                    .thenComparingLong(Key::end)
                    .compare(this, other);
        }
    }

    private static final class Acc {
        BigDecimal total = BigDecimal.ZERO;
        long count;

        void add(BigDecimal amount) {
            total = total.add(amount);
            count++;
        }
    }
}
