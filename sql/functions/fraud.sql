-- Sluice's fraud-scoring functions (udfs/), kept in the catalog. Every gateway has them on its
-- classpath; the README lists each function's signature, meaning and NULL behaviour.
CREATE FUNCTION IF NOT EXISTS fraud_score AS 'dev.sluice.udfs.FraudScore' LANGUAGE JAVA;
CREATE FUNCTION IF NOT EXISTS fraud_reasons AS 'dev.sluice.udfs.FraudReasons' LANGUAGE JAVA;
CREATE FUNCTION IF NOT EXISTS amount_stats AS 'dev.sluice.udfs.AmountStats' LANGUAGE JAVA;
CREATE FUNCTION IF NOT EXISTS distinct_count_bounded AS 'dev.sluice.udfs.BoundedDistinctCount' LANGUAGE JAVA;
CREATE FUNCTION IF NOT EXISTS z_score AS 'dev.sluice.udfs.ZScore' LANGUAGE JAVA;
CREATE FUNCTION IF NOT EXISTS geo_distance_km AS 'dev.sluice.udfs.GeoDistanceKm' LANGUAGE JAVA;
CREATE FUNCTION IF NOT EXISTS impossible_travel AS 'dev.sluice.udfs.ImpossibleTravel' LANGUAGE JAVA;
CREATE FUNCTION IF NOT EXISTS country_hopping AS 'dev.sluice.udfs.CountryHopping' LANGUAGE JAVA;
