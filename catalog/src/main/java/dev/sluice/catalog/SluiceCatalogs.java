package dev.sluice.catalog;

/**
 * Names of the catalog every gateway session starts in. Until the persistent catalog lands, the
 * gateway keeps Flink's in-memory catalog under these names, so SQL written today keeps working.
 */
public final class SluiceCatalogs {

    /** The catalog identifier for {@code CREATE CATALOG ... WITH ('type' = 'sluice')}. */
    public static final String TYPE = "sluice";

    private SluiceCatalogs() {}
}
