package dev.sluice.udfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FraudScoreTest {

    private final FraudScore score = new FraudScore();
    private final FraudReasons reasons = new FraudReasons();

    @Test
    void anOrdinaryPurchaseScoresZeroWithNoReasons() {
        assertThat(score.eval(40.0, 35.0, 20.0, 30L, 3L, "albert-heijn", "NL", 14)).isZero();
        assertThat(reasons.eval(40.0, 35.0, 20.0, 30L, 3L, "albert-heijn", "NL", 14)).isEmpty();
    }

    @Test
    void followsTheDocumentedFormula() {
        // z = (135 - 35) / 20 = 5 -> amount feature 1; velocity (14 - 5) / 15 = 0.6; risky
        // merchant and country; 03 h is night.
        double expected = 1 - Math.exp(-(2.0 * 1 + 1.2 * 0.6 + 1.0 + 0.8 + 0.3));

        assertThat(score.eval(135.0, 35.0, 20.0, 30L, 14L, "crypto-exchange-x", "NG", 3))
                .isCloseTo(expected, within(1e-12));
        assertThat(reasons.eval(135.0, 35.0, 20.0, 30L, 14L, "crypto-exchange-x", "NG", 3))
                .containsExactly(
                        "amount 5.0 standard deviations above usual",
                        "high-risk merchant 'crypto-exchange-x'",
                        "high-risk country NG",
                        "14 transactions in the last hour",
                        "night-time transaction (03 h)");
    }

    @Test
    void aNullOrNonFiniteAmountHasNoScore() {
        for (Double amount :
                new Double[] {
                    null, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
                }) {
            assertThat(score.eval(amount, 35.0, 20.0, 30L, 3L, "x", "NL", 12)).isNull();
            assertThat(reasons.eval(amount, 35.0, 20.0, 30L, 3L, "x", "NL", 12)).isNull();
        }
    }

    @Test
    void nullFeaturesCountAsNothingUnusual() {
        assertThat(score.eval(5_000.0, null, null, null, null, null, null, null)).isZero();
    }

    @Test
    void zeroNegativeAndHugeAmountsStayInRange() {
        assertThat(score.eval(0.0, 35.0, 20.0, 30L, 3L, "x", "NL", 12)).isZero();
        assertThat(score.eval(-500.0, 35.0, 20.0, 30L, 3L, "x", "NL", 12)).isZero();
        assertThat(score.eval(Double.MAX_VALUE, 35.0, 20.0, 30L, 3L, "x", "NL", 12))
                .isCloseTo(1 - Math.exp(-2.0), within(1e-12));
        assertThat(score.eval(100.0, 35.0, Double.MIN_VALUE, 30L, 3L, "x", "NL", 12))
                .isCloseTo(1 - Math.exp(-2.0), within(1e-12));
    }

    @Test
    void needsFiveEarlierAmountsAndSpreadBeforeJudgingTheAmount() {
        assertThat(score.eval(1_000.0, 35.0, 20.0, 4L, 3L, "x", "NL", 12)).isZero();
        assertThat(score.eval(1_000.0, 35.0, 0.0, 30L, 3L, "x", "NL", 12)).isZero();
    }

    @Test
    void alwaysInTheUnitInterval() {
        Random random = new Random(17);
        for (int i = 0; i < 10_000; i++) {
            Double value =
                    score.eval(
                            random.nextGaussian() * 1e4,
                            random.nextGaussian() * 100,
                            Math.abs(random.nextGaussian() * 50),
                            (long) random.nextInt(100),
                            (long) random.nextInt(100),
                            random.nextBoolean() ? "gift-cards-4u" : "ikea",
                            random.nextBoolean() ? "BR" : "DE",
                            random.nextInt(24));
            assertThat(value).isBetween(0.0, 1.0).isLessThan(1.0);
        }
    }

    @Test
    void reasonsRoundTheDeviationToOneDecimal() {
        assertThat(FraudFeatures.oneDecimal(4.96)).isEqualTo("5.0");
        assertThat(FraudFeatures.oneDecimal(1.04)).isEqualTo("1.0");
        assertThat(FraudFeatures.oneDecimal(12.25)).isEqualTo("12.3");
        assertThat(FraudFeatures.oneDecimal(1e20)).isEqualTo("%.1f".formatted(1e20));
        Random random = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            double value = random.nextDouble() * 1_000;
            assertThat(Double.parseDouble(FraudFeatures.oneDecimal(value)))
                    .isCloseTo(value, within(0.05 + 1e-9));
        }
    }

    @Test
    void reasonsComeLargestContributionFirst() {
        String[] reasons =
                new FraudReasons().eval(400.0, 50.0, 25.0, 30L, 2L, "gift-cards", "NG", 2);
        assertThat(reasons)
                .containsExactly(
                        "amount 14.0 standard deviations above usual",
                        "high-risk merchant 'gift-cards'",
                        "high-risk country NG",
                        "night-time transaction (02 h)");
        assertThat(new FraudReasons().eval(50.0, 50.0, 25.0, 30L, 2L, "ikea", "DE", 12)).isEmpty();
    }
}
