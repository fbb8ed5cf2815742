package dev.sluice.udfs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The explainable fraud score shared by {@link FraudScore} and {@link FraudReasons}.
 *
 * <p>Five features, each in [0, 1]:
 *
 * <ul>
 *   <li>amount: the amount's z-score against the account's recent amounts, divided by 4 (4 standard
 *       deviations above usual counts fully); 0 with fewer than 5 earlier amounts, no spread, or an
 *       amount at or below the mean;
 *   <li>velocity: (transactions in the last hour - 5) / 15, so 20 or more count fully;
 *   <li>merchant: 1 for high-risk merchant categories (crypto exchanges, gift cards, luxury goods,
 *       electronics deals), else 0;
 *   <li>country: 1 for high-risk countries, else 0;
 *   <li>night: 1 between 00:00 and 05:59, else 0.
 * </ul>
 *
 * <p>score = 1 - exp(-(2.0 amount + 1.2 velocity + 1.0 merchant + 0.8 country + 0.3 night)), so 0
 * means nothing unusual and every feature pushes towards 1 without reaching it. A NULL or
 * non-finite amount gives a NULL score; any other NULL feature counts as 0.
 */
final class FraudFeatures {

    static final double W_AMOUNT = 2.0;
    static final double W_VELOCITY = 1.2;
    static final double W_MERCHANT = 1.0;
    static final double W_COUNTRY = 0.8;
    static final double W_NIGHT = 0.3;

    private static final int MIN_HISTORY = 5;
    private static final String[] RISKY_MERCHANT_WORDS = {"crypto", "gift", "luxury", "deals"};
    private static final Set<String> RISKY_COUNTRIES = Set.of("BR", "NG", "RU", "VN", "TH");

    final double amountZ;
    final double amount;
    final double velocity;
    final double merchant;
    final double country;
    final double night;
    private final Long recentCount;
    private final String merchantName;
    private final String countryCode;
    private final Integer hour;

    private FraudFeatures(
            double amountZ,
            Long recentCount,
            String merchantName,
            String countryCode,
            Integer hour) {
        this.amountZ = amountZ;
        this.amount = clamp((amountZ - 1) / 3);
        this.recentCount = recentCount;
        this.velocity = recentCount == null ? 0 : clamp((recentCount - 5) / 15.0);
        this.merchantName = merchantName;
        this.merchant = isRiskyMerchant(merchantName) ? 1 : 0;
        this.countryCode = countryCode;
        this.country =
                countryCode != null
                                && RISKY_COUNTRIES.contains(countryCode.toUpperCase(Locale.ROOT))
                        ? 1
                        : 0;
        this.hour = hour;
        this.night = hour != null && hour >= 0 && hour < 6 ? 1 : 0;
    }

    /** Empty when the amount is NULL or not finite: there is nothing to score. */
    static java.util.Optional<FraudFeatures> of(
            Double amount,
            Double mean,
            Double stddev,
            Long historyCount,
            Long recentCount,
            String merchant,
            String country,
            Integer hour) {
        if (amount == null || !Double.isFinite(amount)) {
            return java.util.Optional.empty();
        }
        double z = 0;
        if (mean != null
                && stddev != null
                && historyCount != null
                && historyCount >= MIN_HISTORY
                && Double.isFinite(mean)
                && Double.isFinite(stddev)
                && stddev > 0) {
            double candidate = (amount - mean) / stddev;
            z = Double.isNaN(candidate) ? 0 : Math.max(candidate, 0);
        }
        return java.util.Optional.of(new FraudFeatures(z, recentCount, merchant, country, hour));
    }

    double score() {
        double sum =
                W_AMOUNT * amount
                        + W_VELOCITY * velocity
                        + W_MERCHANT * merchant
                        + W_COUNTRY * country
                        + W_NIGHT * night;
        return 1 - Math.exp(-sum);
    }

    /**
     * Contributing reasons, largest weighted contribution first. Built without {@code
     * String.format}: this runs once per scored row, and formatting dominated its cost.
     */
    List<String> reasons() {
        if (amount <= 0 && velocity <= 0 && merchant <= 0 && country <= 0 && night <= 0) {
            return List.of();
        }
        double[] weights = new double[5];
        String[] texts = new String[5];
        int n = 0;
        if (amount > 0) {
            weights[n] = W_AMOUNT * amount;
            texts[n++] = "amount " + oneDecimal(amountZ) + " standard deviations above usual";
        }
        if (velocity > 0) {
            weights[n] = W_VELOCITY * velocity;
            texts[n++] = recentCount + " transactions in the last hour";
        }
        if (merchant > 0) {
            weights[n] = W_MERCHANT;
            texts[n++] = "high-risk merchant '" + merchantName + "'";
        }
        if (country > 0) {
            weights[n] = W_COUNTRY;
            texts[n++] = "high-risk country " + countryCode.toUpperCase(Locale.ROOT);
        }
        if (night > 0) {
            weights[n] = W_NIGHT;
            texts[n++] = "night-time transaction (" + (hour < 10 ? "0" : "") + hour + " h)";
        }
        // Insertion sort by weight, descending; stable, so equal weights keep the order above.
        for (int a = 1; a < n; a++) {
            for (int b = a; b > 0 && weights[b] > weights[b - 1]; b--) {
                double w = weights[b];
                weights[b] = weights[b - 1];
                weights[b - 1] = w;
                String t = texts[b];
                texts[b] = texts[b - 1];
                texts[b - 1] = t;
            }
        }
        return Arrays.asList(texts).subList(0, n);
    }

    /** {@code value} (finite, not negative) rounded half up to one decimal: 4.96 gives "5.0". */
    static String oneDecimal(double value) {
        if (!(value < 1e14)) {
            return "%.1f".formatted(value);
        }
        long tenths = Math.round(value * 10);
        return (tenths / 10) + "." + (tenths % 10);
    }

    private static boolean isRiskyMerchant(String merchant) {
        if (merchant == null) {
            return false;
        }
        String lower = merchant.toLowerCase(Locale.ROOT);
        for (String word : RISKY_MERCHANT_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
