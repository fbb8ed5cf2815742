package dev.sluice.catalog;

/** Names that identify the Sluice catalog to Flink. */
public final class SluiceCatalogs {

    /** The catalog identifier for {@code CREATE CATALOG ... WITH ('type' = 'sluice')}. */
    public static final String TYPE = "sluice";

    private SluiceCatalogs() {}
}
