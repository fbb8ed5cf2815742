package dev.sluice.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.catalog.store.CatalogStoreException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.factories.FactoryUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceCatalogFactoryTest {

    @TempDir Path tmp;

    private static Catalog create(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put("type", "sluice");
        return FactoryUtil.createCatalog(
                "c", all, new Configuration(), SluiceCatalogFactoryTest.class.getClassLoader());
    }

    @Test
    void createsACatalogFromOptionsAndKeepsItsObjects() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("catalog");
        Catalog first = create(Map.of("url", url, "default-database", "analytics"));
        first.open();
        assertThat(first.getDefaultDatabase()).isEqualTo("analytics");
        assertThat(first.listDatabases()).containsExactly("analytics");
        first.close();

        Catalog second = create(Map.of("url", url));
        second.open();
        assertThat(second.listDatabases())
                .containsExactlyInAnyOrder("analytics", "default_database");
        assertThat(second.tableExists(new ObjectPath("analytics", "nothing"))).isFalse();
    }

    @Test
    void rejectsUnknownOptionsNamingThem() {
        assertThatThrownBy(() -> create(Map.of("url", "jdbc:h2:mem:x", "pasword", "secret")))
                .isInstanceOf(ValidationException.class)
                .hasStackTraceContaining("Unsupported options")
                .hasStackTraceContaining("pasword");
    }

    @Test
    void refusesUrlsThatRunCodeOrReachOtherHosts() {
        for (String url :
                new String[] {
                    "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://127.0.0.1:1/evil.sql'",
                    "jdbc:h2:tcp://127.0.0.1/x",
                    "jdbc:postgresql://127.0.0.1/x?socketFactory=org.example.Evil",
                    "jdbc:postgresql://127.0.0.1/x?loggerFile=/tmp/x",
                    "jdbc:mysql://127.0.0.1/x"
                }) {
            assertThatThrownBy(() -> create(Map.of("url", url)))
                    .as(url)
                    .hasStackTraceContaining("catalog option 'url' = '")
                    .hasStackTraceContaining("is refused");
        }
    }

    @Test
    void unreachableDatabaseNamesTheUrlOption() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/sluice?connectTimeout=2";

        assertThatThrownBy(() -> create(Map.of("url", url)))
                .hasRootCauseInstanceOf(java.net.ConnectException.class)
                .hasStackTraceContaining("cannot connect to the catalog database at " + url)
                .hasStackTraceContaining("(check 'url')");
    }

    @Test
    void refusedCredentialsNameTheOptionsAndNeverShowThePassword() throws Exception {
        String url = EmbeddedPostgresDatabases.newDatabase();
        String baseUrl = url.replaceAll("\\?.*", "");

        assertThatThrownBy(
                        () ->
                                create(
                                        Map.of(
                                                "url", baseUrl,
                                                "username", "nobody",
                                                "password", "not-the-password-42")))
                .satisfies(
                        e -> {
                            assertThat(e)
                                    .hasStackTraceContaining("(check 'username' and 'password')");
                            assertThat(stackTrace(e)).doesNotContain("not-the-password-42");
                        });
    }

    @Test
    void refusesASchemaNewerThanItKnows() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("newer");
        create(Map.of("url", url)).open();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO \"sluice_catalog_schema_history\" (\"installed_rank\", \"version\", "
                            + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", "
                            + "\"installed_on\", \"execution_time\", \"success\") VALUES "
                            + "(99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'test', "
                            + "CURRENT_TIMESTAMP, 0, TRUE)");
        }

        assertThatThrownBy(() -> create(Map.of("url", url)))
                .hasRootCauseInstanceOf(CatalogStoreException.class)
                .hasStackTraceContaining("has schema version 99, newer than this Sluice knows (4)");
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
