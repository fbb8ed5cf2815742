package dev.sluice.server.service;

import static java.util.Objects.requireNonNull;

import org.apache.flink.table.gateway.api.session.SessionEnvironment.CatalogCreator;

/**
 * The catalog every session starts in, unless its client asks for another.
 *
 * @param name the catalog's name in SQL, normally Flink's {@code default_catalog}
 * @param creator makes the session's instance of it
 */
public record DefaultCatalog(String name, CatalogCreator creator) {

    public DefaultCatalog {
        requireNonNull(name, "name is null");
        requireNonNull(creator, "creator is null");
    }
}
