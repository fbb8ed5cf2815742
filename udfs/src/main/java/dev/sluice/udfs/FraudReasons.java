package dev.sluice.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code FRAUD_REASONS(...)}, same arguments as {@link FraudScore}: the features that raised the
 * score, largest contribution first, e.g. {@code ['amount 6.2 standard deviations above usual',
 * 'high-risk country NG']}. Empty when nothing is unusual; NULL when the score is NULL.
 */
public final class FraudReasons extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    public String[] eval(
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
                .map(features -> features.reasons().toArray(String[]::new))
                .orElse(null);
    }
}
