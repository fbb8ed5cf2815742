package dev.sluice.policy.guard;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which catalog database URLs a statement may attach ({@code CREATE CATALOG ... 'type' =
 * 'sluice'}): a JDBC URL opens files, listens on ports and instantiates classes named in its
 * settings, so only what is known to be harmless is allowed. In-memory H2 databases; H2 files under
 * a directory the operator allowed; and nothing else, since another database server is another
 * host. The gateway's own catalog ({@code --catalog-url}) is the operator's and not subject to
 * this.
 */
final class CatalogUrls {

    static final String FIX =
            "attach an in-memory catalog ('jdbc:h2:mem:NAME'), or an H2 file under a directory the"
                    + " operator allowed with --allow-files; the gateway's own catalog is --catalog-url";

    /** H2 settings that change how data is kept, not what the database process does. */
    private static final Set<String> H2_SETTINGS =
            Set.of(
                    "DB_CLOSE_DELAY",
                    "WRITE_DELAY",
                    "REUSE_SPACE",
                    "IFEXISTS",
                    "MODE",
                    "DATABASE_TO_UPPER",
                    "DATABASE_TO_LOWER",
                    "CASE_INSENSITIVE_IDENTIFIERS",
                    "DEFAULT_NULL_ORDERING");

    private CatalogUrls() {}

    /** Why {@code url} is refused, if it is. */
    static Optional<String> check(String url, GuardPolicy policy) {
        String[] parts = url.strip().split(";");
        String base = parts[0];
        String lower = base.toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String setting = parts[i].split("=", 2)[0].strip().toUpperCase(Locale.ROOT);
            if (!setting.isEmpty() && !H2_SETTINGS.contains(setting)) {
                return Optional.of("catalog URL setting '%s' is not allowed".formatted(setting));
            }
        }
        if (lower.startsWith("jdbc:h2:mem:")) {
            return name(base.substring("jdbc:h2:mem:".length()));
        }
        if (lower.startsWith("jdbc:h2:file:")) {
            String path = base.substring("jdbc:h2:file:".length());
            // H2 reads '~' and 'zip:'/'nio:' prefixes itself: only plain absolute paths.
            boolean plain = path.startsWith("/") && !path.contains("~") && !path.contains(":");
            if (!plain || path.contains("..") || !policy.allowsPath(path)) {
                return Optional.of(
                        "catalog URL '%s' would create database files at %s".formatted(base, path));
            }
            return Optional.empty();
        }
        return Optional.of(
                "catalog URL '%s' is not an in-memory or allowed H2 database"
                        .formatted(redact(base)));
    }

    private static Optional<String> name(String name) {
        return name.matches("[A-Za-z0-9_-]+")
                ? Optional.empty()
                : Optional.of("in-memory catalog name '%s' is not allowed".formatted(name));
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****").replaceAll("//[^/@]*@", "//****@");
    }
}
