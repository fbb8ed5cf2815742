package dev.sluice.udfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class GeoTest {

    private final GeoDistanceKm distance = new GeoDistanceKm();
    private final ImpossibleTravel travel = new ImpossibleTravel();

    private static final double AMS_LAT = 52.3676;
    private static final double AMS_LON = 4.9041;
    private static final double NYC_LAT = 40.7128;
    private static final double NYC_LON = -74.0060;

    @Test
    void measuresGreatCircleDistance() {
        assertThat(distance.eval(AMS_LAT, AMS_LON, NYC_LAT, NYC_LON))
                .isCloseTo(5_860, within(15.0));
        assertThat(distance.eval(AMS_LAT, AMS_LON, AMS_LAT, AMS_LON)).isZero();
        assertThat(distance.eval(0.0, 0.0, 0.0, 180.0))
                .isCloseTo(Math.PI * GeoDistanceKm.EARTH_RADIUS_KM, within(1e-6));
    }

    @Test
    void invalidCoordinatesHaveNoDistance() {
        assertThat(distance.eval(null, 0.0, 0.0, 0.0)).isNull();
        assertThat(distance.eval(91.0, 0.0, 0.0, 0.0)).isNull();
        assertThat(distance.eval(0.0, Double.NaN, 0.0, 0.0)).isNull();
    }

    @Test
    void flagsTravelFasterThanAJet() {
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 12, 0);

        assertThat(travel.eval(AMS_LAT, AMS_LON, t, NYC_LAT, NYC_LON, t.plusHours(1), 900.0))
                .isTrue();
        assertThat(travel.eval(AMS_LAT, AMS_LON, t, NYC_LAT, NYC_LON, t.plusHours(8), 900.0))
                .isFalse();
        assertThat(travel.eval(AMS_LAT, AMS_LON, t, AMS_LAT, AMS_LON, t, 900.0)).isFalse();
        assertThat(travel.eval(AMS_LAT, AMS_LON, t.plusHours(1), NYC_LAT, NYC_LON, t, 900.0))
                .isTrue();
        assertThat(travel.eval(AMS_LAT, AMS_LON, t, NYC_LAT, NYC_LON, null, 900.0)).isNull();
        assertThat(travel.eval(AMS_LAT, AMS_LON, t, NYC_LAT, NYC_LON, t, 0.0)).isNull();
    }
}
