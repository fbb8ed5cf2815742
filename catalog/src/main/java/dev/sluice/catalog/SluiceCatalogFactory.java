package dev.sluice.catalog;

import dev.sluice.catalog.store.CatalogStores;
import dev.sluice.catalog.store.StoreSettings;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.factories.CatalogFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * Creates {@link SluiceCatalog}s: {@code CREATE CATALOG c WITH ('type' = 'sluice', 'url' = ...)}.
 */
public final class SluiceCatalogFactory implements CatalogFactory {

    @Override
    public String factoryIdentifier() {
        return SluiceCatalogs.TYPE;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(SluiceCatalogOptions.URL);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                SluiceCatalogOptions.USERNAME,
                SluiceCatalogOptions.PASSWORD,
                SluiceCatalogOptions.DEFAULT_DATABASE);
    }

    @Override
    public Catalog createCatalog(Context context) {
        FactoryUtil.CatalogFactoryHelper helper =
                FactoryUtil.createCatalogFactoryHelper(this, context);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        String url = options.get(SluiceCatalogOptions.URL);
        JdbcUrlPolicy.check(url);
        StoreSettings settings =
                new StoreSettings(
                        url,
                        options.getOptional(SluiceCatalogOptions.USERNAME),
                        options.getOptional(SluiceCatalogOptions.PASSWORD));
        return SluiceCatalog.owning(
                context.getName(),
                options.get(SluiceCatalogOptions.DEFAULT_DATABASE),
                CatalogStores.open(settings));
    }
}
