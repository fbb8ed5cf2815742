package dev.sluice.catalog;

import java.util.List;
import java.util.Locale;

/**
 * Which catalog database URLs a statement may name. {@code CREATE CATALOG} arrives over the
 * network, and some JDBC URL parameters run code or touch files (H2's INIT scripts and TCP or zip
 * modes; PostgreSQL's socket, SSL and logger factories), so only plain H2 file or in-memory URLs
 * and PostgreSQL URLs without such parameters are accepted.
 */
final class JdbcUrlPolicy {

    private static final List<String> H2_FORBIDDEN =
            List.of("INIT", "RUNSCRIPT", "TRACE_LEVEL_FILE", "AUTO_SERVER", "FILE_LOCK=SERIALIZED");
    private static final List<String> POSTGRES_FORBIDDEN =
            List.of(
                    "socketfactory",
                    "sslfactory",
                    "sslhostnameverifier",
                    "sslpasswordcallback",
                    "authenticationpluginclassname",
                    "loggerfile",
                    "loggerlevel");

    private JdbcUrlPolicy() {}

    /** Throws {@link IllegalArgumentException} naming the problem when {@code url} is refused. */
    static void check(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:file:") || lower.startsWith("jdbc:h2:mem:")) {
            for (String forbidden : H2_FORBIDDEN) {
                if (url.toUpperCase(Locale.ROOT).contains(forbidden)) {
                    throw refused(
                            url,
                            "H2 setting "
                                    + forbidden.replace("=SERIALIZED", "")
                                    + " is not allowed");
                }
            }
            return;
        }
        if (lower.startsWith("jdbc:postgresql://")) {
            for (String forbidden : POSTGRES_FORBIDDEN) {
                if (lower.contains(forbidden)) {
                    throw refused(url, "PostgreSQL parameter '" + forbidden + "' is not allowed");
                }
            }
            return;
        }
        throw refused(url, "use jdbc:h2:file:PATH or jdbc:postgresql://HOST:PORT/DATABASE");
    }

    private static IllegalArgumentException refused(String url, String why) {
        return new IllegalArgumentException(
                "catalog option 'url' = '%s' is refused: %s".formatted(redact(url), why));
    }

    /** URLs may carry a password parameter: never echo it. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }
}
