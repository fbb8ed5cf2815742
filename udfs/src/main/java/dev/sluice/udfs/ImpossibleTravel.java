package dev.sluice.udfs;

import java.time.Duration;
import java.time.LocalDateTime;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code IMPOSSIBLE_TRAVEL(lat1, lon1, t1, lat2, lon2, t2, max_kmh)}: TRUE when going from the
 * first place to the second between the two times needs more than {@code max_kmh} (900 km/h is a
 * passenger jet). Two places at the same time count as impossible when more than 1 km apart. NULL
 * when any argument is NULL or invalid (see {@link GeoDistanceKm}), or {@code max_kmh} is not
 * positive.
 */
public final class ImpossibleTravel extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    private final GeoDistanceKm distance = new GeoDistanceKm();

    public Boolean eval(
            Double lat1,
            Double lon1,
            LocalDateTime t1,
            Double lat2,
            Double lon2,
            LocalDateTime t2,
            Double maxKmh) {
        Double km = distance.eval(lat1, lon1, lat2, lon2);
        if (km == null || t1 == null || t2 == null || maxKmh == null || !(maxKmh > 0)) {
            return null;
        }
        double hours = Math.abs(Duration.between(t1, t2).toMillis()) / 3_600_000.0;
        if (hours == 0) {
            return km > 1;
        }
        return km / hours > maxKmh;
    }
}
