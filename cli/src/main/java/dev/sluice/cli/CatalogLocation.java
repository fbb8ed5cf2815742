package dev.sluice.cli;

import dev.sluice.catalog.store.StoreSettings;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code --catalog-url} and {@code --catalog-user}, with the password from the environment. */
final class CatalogLocation {

    /** Passwords stay out of the command line, where any user's {@code ps} would show them. */
    static final String PASSWORD_VARIABLE = "SLUICE_CATALOG_PASSWORD";

    private CatalogLocation() {}

    /** The catalog database the options name, if any. */
    static Optional<StoreSettings> of(CommandSpec spec, String url, String user) {
        if (url == null && user != null) {
            throw new ParameterException(spec.commandLine(), "--catalog-user needs --catalog-url");
        }
        return Optional.ofNullable(url)
                .map(
                        u ->
                                new StoreSettings(
                                        u,
                                        Optional.ofNullable(user),
                                        Optional.ofNullable(System.getenv(PASSWORD_VARIABLE))));
    }
}
