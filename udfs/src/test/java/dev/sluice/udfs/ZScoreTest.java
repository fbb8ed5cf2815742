package dev.sluice.udfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ZScoreTest {

    private final ZScore zScore = new ZScore();

    @Test
    void measuresDistanceInStandardDeviations() {
        assertThat(zScore.eval(130.0, 100.0, 15.0)).isCloseTo(2.0, within(1e-12));
        assertThat(zScore.eval(70.0, 100.0, 15.0)).isCloseTo(-2.0, within(1e-12));
    }

    @Test
    void isNullWithoutSpread() {
        assertThat(zScore.eval(5.0, 5.0, 0.0)).isNull();
        assertThat(zScore.eval(5.0, 5.0, -1.0)).isNull();
    }

    @Test
    void isNullForNullOrNonFiniteInput() {
        assertThat(zScore.eval(null, 1.0, 1.0)).isNull();
        assertThat(zScore.eval(1.0, null, 1.0)).isNull();
        assertThat(zScore.eval(1.0, 1.0, null)).isNull();
        assertThat(zScore.eval(Double.NaN, 1.0, 1.0)).isNull();
        assertThat(zScore.eval(1.0, Double.POSITIVE_INFINITY, 1.0)).isNull();
        assertThat(zScore.eval(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE)).isNull();
    }
}
