package dev.sluice.catalog;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** One real PostgreSQL server per test JVM; each caller gets a database of its own. */
final class EmbeddedPostgresDatabases {

    private static EmbeddedPostgres server;

    private EmbeddedPostgresDatabases() {}

    /** Creates a fresh, uniquely named database and returns its JDBC URL. */
    static synchronized String newDatabase() throws SQLException {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresDatabases::stop));
        }
        String name = "sluice_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return server.getJdbcUrl("postgres", name);
    }

    private static void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
