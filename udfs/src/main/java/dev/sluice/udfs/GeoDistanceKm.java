package dev.sluice.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code GEO_DISTANCE_KM(lat1, lon1, lat2, lon2)}: great-circle distance in kilometres (haversine,
 * mean Earth radius 6371.0088 km). NULL when any argument is NULL, not finite, or outside [-90, 90]
 * / [-180, 180].
 */
public final class GeoDistanceKm extends ScalarFunction {

    private static final long serialVersionUID = 1L;
    static final double EARTH_RADIUS_KM = 6371.0088;

    public Double eval(Double lat1, Double lon1, Double lat2, Double lon2) {
        if (!valid(lat1, 90) || !valid(lon1, 180) || !valid(lat2, 90) || !valid(lon2, 180)) {
            return null;
        }
        return distance(lat1, lon1, lat2, lon2);
    }

    static double distance(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a =
                Math.pow(Math.sin(dLat / 2), 2)
                        + Math.cos(Math.toRadians(lat1))
                                * Math.cos(Math.toRadians(lat2))
                                * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    private static boolean valid(Double value, double limit) {
        return value != null && Double.isFinite(value) && Math.abs(value) <= limit;
    }
}
