package dev.sluice.jdbc;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/** A {@code jdbc:sluice://} URL and the connection's properties, read and checked. */
record DriverUrl(
        URI gateway,
        Optional<String> user,
        Optional<String> token,
        Optional<String> catalog,
        Optional<String> schema,
        boolean changelog,
        Duration timeout) {

    private static final Set<String> KNOWN =
            Set.of("user", "password", "token", "catalog", "schema", "changelog", "timeout", "ssl");

    static DriverUrl parse(String url, Properties info) throws SQLException {
        String rest = url.substring(SluiceDriver.PREFIX.length());
        Properties options = new Properties();
        // Tools and pools pass properties of their own: those the driver does not know are ignored.
        for (String key : info.stringPropertyNames()) {
            if (KNOWN.contains(key)) {
                options.setProperty(key, info.getProperty(key));
            }
        }
        int query = rest.indexOf('?');
        String address = query < 0 ? rest : rest.substring(0, query);
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!KNOWN.contains(key)) {
                    // Not its name: a password with an '&' in it would show its second half.
                    throw new SQLException(
                            "an unknown option in the URL of %s; the options are %s (write & and = in a value as %%26 and %%3D)"
                                    .formatted(redacted(url), KNOWN.stream().sorted().toList()),
                            "08001");
                }
                options.setProperty(key, value);
            }
        }
        if (address.endsWith("/")) {
            address = address.substring(0, address.length() - 1);
        }
        if (!address.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
            throw new SQLException(
                    "'%s' is not a gateway address; write jdbc:sluice://HOST:PORT, e.g. jdbc:sluice://127.0.0.1:8083"
                            .formatted(redacted(url)),
                    "08001");
        }
        boolean ssl = Boolean.parseBoolean(options.getProperty("ssl", "false"));
        Duration timeout;
        try {
            timeout = Duration.ofSeconds(Long.parseLong(options.getProperty("timeout", "30")));
        } catch (NumberFormatException e) {
            throw new SQLException("timeout must be a number of seconds", "08001");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new SQLException("timeout must be at least 1 second", "08001");
        }
        Optional<String> token =
                Optional.ofNullable(options.getProperty("token"))
                        .or(() -> Optional.ofNullable(options.getProperty("password")))
                        .filter(t -> !t.isEmpty());
        return new DriverUrl(
                URI.create((ssl ? "https://" : "http://") + address),
                Optional.ofNullable(options.getProperty("user")).filter(u -> !u.isEmpty()),
                token,
                Optional.ofNullable(options.getProperty("catalog")).filter(c -> !c.isEmpty()),
                Optional.ofNullable(options.getProperty("schema")).filter(s -> !s.isEmpty()),
                Boolean.parseBoolean(options.getProperty("changelog", "false")),
                timeout);
    }

    /** The URL without option values, for messages. */
    static String redacted(String url) {
        // No query, no user info: a misspelt option or user:password@ may hold the secret.
        String rest = url.substring(Math.min(url.length(), SluiceDriver.PREFIX.length()));
        int query = rest.indexOf('?');
        String address = query < 0 ? rest : rest.substring(0, query);
        int at = address.lastIndexOf('@');
        return SluiceDriver.PREFIX
                + (at < 0 ? address : address.substring(at + 1))
                + (query < 0 ? "" : "?…");
    }

    private static String decode(String text) {
        // %XX escapes only: a '+' in a token stays a '+'.
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DriverUrl["
                + gateway
                + ", user="
                + user.orElse("")
                + ", token="
                + (token.isPresent() ? "***" : "none")
                + "]";
    }
}
