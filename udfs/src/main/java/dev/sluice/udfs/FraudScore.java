package dev.sluice.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code FRAUD_SCORE(amount, mean, stddev, history_count, recent_count, merchant, country, hour)}:
 * a fraud score in [0, 1), explained by {@link FraudReasons}; the formula is in {@link
 * FraudFeatures}.
 *
 * <p>{@code mean}, {@code stddev} and {@code history_count} describe the account's recent amounts
 * (e.g. over the last hour), {@code recent_count} its transactions in the last hour, {@code hour}
 * the hour of day (0-23). NULL when {@code amount} is NULL, NaN or infinite; other NULLs count as
 * "nothing unusual".
 */
public final class FraudScore extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    public Double eval(
            Double amount,
            Double mean,
            Double stddev,
            Long historyCount,
            Long recentCount,
            String merchant,
            String country,
            Integer hour) {
        return FraudFeatures.of(
                        amount, mean, stddev, historyCount, recentCount, merchant, country, hour)
                .map(FraudFeatures::score)
                .orElse(null);
    }
}
