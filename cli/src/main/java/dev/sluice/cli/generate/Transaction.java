package dev.sluice.cli.generate;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A card transaction as it lands in the {@code transactions} topic.
 *
 * @param eventTime when it happened, UTC, millisecond precision
 */
public record Transaction(
        String accountId,
        String merchant,
        BigDecimal amount,
        String country,
        LocalDateTime eventTime) {

    public Transaction {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(merchant, "merchant is null");
        requireNonNull(amount, "amount is null");
        requireNonNull(country, "country is null");
        requireNonNull(eventTime, "eventTime is null");
    }
}
