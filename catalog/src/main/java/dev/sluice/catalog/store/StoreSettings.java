package dev.sluice.catalog.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How to reach the catalog database.
 *
 * @param url a JDBC URL: {@code jdbc:h2:file:...} or {@code jdbc:postgresql://...}
 * @param password never logged, never part of {@link #toString()}
 */
public record StoreSettings(String url, Optional<String> username, Optional<String> password) {

    public StoreSettings {
        requireNonNull(url, "url is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
    }

    @Override
    public String toString() {
        return "StoreSettings[url="
                + url
                + ", username="
                + username.orElse("")
                + ", password=****]";
    }
}
