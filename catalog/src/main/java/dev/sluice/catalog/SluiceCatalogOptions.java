package dev.sluice.catalog;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.catalog.CommonCatalogOptions;

/** Options of {@code CREATE CATALOG ... WITH ('type' = 'sluice', ...)}. */
public final class SluiceCatalogOptions {

    public static final ConfigOption<String> URL =
            ConfigOptions.key("url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "JDBC URL of the catalog database: jdbc:h2:file:/path/to/catalog for one "
                                    + "machine, jdbc:postgresql://host:5432/db to share the catalog between "
                                    + "gateways. The schema is created or migrated on first use.");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("User of the catalog database.");

    public static final ConfigOption<String> PASSWORD =
            ConfigOptions.key("password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Password of the catalog database user; never logged or shown.");

    public static final ConfigOption<String> DEFAULT_DATABASE =
            ConfigOptions.key(CommonCatalogOptions.DEFAULT_DATABASE_KEY)
                    .stringType()
                    .defaultValue("default_database")
                    .withDescription(
                            "Database that sessions start in; created when the catalog opens if missing.");

    private SluiceCatalogOptions() {}
}
