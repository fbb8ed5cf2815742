package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.SluiceCatalog;
import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.catalog.store.CatalogStores;
import dev.sluice.catalog.store.StoreSettings;
import dev.sluice.server.deploy.PipelineStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

    @TempDir Path tmp;

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void lateRecordsOfAJobThatPreAggregatesItsWindowsAreShownAsALowerBound() {
        assertThat(JobsCommand.late(status(7L, true))).isEqualTo("7");
        assertThat(JobsCommand.late(status(7L, false))).isEqualTo("≥7");
        assertThat(JobsCommand.late(status(0L, false))).isEqualTo("0");
        assertThat(JobsCommand.late(status(null, null))).isEqualTo("-");
    }

    private static PipelineStatus status(Long late, Boolean exact) {
        return new PipelineStatus(
                "p",
                "pipelines/p.sql",
                "RUNNING",
                "j",
                "RUNNING",
                1,
                null,
                null,
                0,
                0,
                null,
                "ok",
                null,
                "me",
                "now",
                0L,
                late,
                exact);
    }

    @Test
    void dlqCommandsSayWhatIsWrongWithTheirArguments() {
        Result bare = run("dlq");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err()).contains("name what to do, for example: sluice dlq list");

        Result limit = run("dlq", "show", "payments", "--limit", "0");
        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.err()).contains("--limit must be from 1 to 10000, got 0");

        Result format = run("dlq", "show", "payments", "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--format must be text or json, got 'xml'");

        Result down = run("dlq", "list", "--gateway", "http://127.0.0.1:1");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("cannot reach the gateway at http://127.0.0.1:1");
    }

    @Test
    void everyCommandHasHelp() {
        List<List<String>> commands = new ArrayList<>();
        collect(new CommandLine(new SluiceCommand()), new ArrayList<>(), commands);
        assertThat(commands)
                .contains(List.of("up"), List.of("demo"), List.of("generate", "transactions"));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Result result = run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as("%s --help", command).isZero();
            assertThat(result.out()).as("%s --help", command).contains("Usage: sluice");
        }
    }

    @Test
    void unknownFlagIsAUsageError() {
        Result result = run("up", "--gateway-prot", "9000");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains(
                        "Unknown options: '--gateway-prot'",
                        "Possible solutions: ",
                        "--gateway-port");
    }

    @Test
    void upOffLoopbackWithoutATokenIsRefusedBeforeAnythingStarts() {
        Assumptions.assumeTrue(System.getenv("SLUICE_GATEWAY_TOKEN") == null);

        Result result = run("up", "--gateway-host", "0.0.0.0", "--data-dir", tmp.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains(
                        "--gateway-host 0.0.0.0 lets the network run SQL", "SLUICE_GATEWAY_TOKEN");
    }

    @Test
    void guardLimitsMustBePositive() throws Exception {
        Path sql = Files.writeString(tmp.resolve("one.sql"), "SELECT 1;");
        Result result = run("validate", "--max-parallelism", "0", sql.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("--max-parallelism and --max-statement-length must be positive");
    }

    @Test
    void noCommandIsAUsageError() {
        Result result = run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("name a command, for example: sluice demo");
    }

    @Test
    void badDurationNamesTheOption() {
        Result result = run("up", "--checkpoint-interval", "soon");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--checkpoint-interval", "'soon' is not a duration");
    }

    @Test
    void portInUseFailsWithOneLineNamingTheFlagAndStartsNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String port = Integer.toString(taken.getLocalPort());
            Path dataDir = tmp.resolve("data");

            Result first = run("up", "--gateway-port", port, "--data-dir", dataDir.toString());
            // A second try must meet the same problem, not a data dir left locked by the first.
            Result second = run("up", "--gateway-port", port, "--data-dir", dataDir.toString());

            for (Result result : List.of(first, second)) {
                assertThat(result.exitCode()).isEqualTo(1);
                assertThat(result.err().strip())
                        .isEqualTo(
                                "sluice up: port %s on 127.0.0.1 is already in use (pass --gateway-port with a free port)"
                                        .formatted(port));
            }
            assertThat(dataDir.resolve("kafka")).doesNotExist();
        }
    }

    @Test
    void dataDirThatCannotBeCreatedNamesTheFlag() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");

        Result result = run("up", "--data-dir", file.resolve("data").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("sluice up: cannot create the data dir")
                .contains("(change --data-dir)");
    }

    @Test
    void unreachableExternalKafkaNamesTheFlag() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Result result =
                run(
                        "up",
                        "--gateway-port",
                        "0",
                        "--kafka-bootstrap",
                        "127.0.0.1:" + closedPort,
                        "--data-dir",
                        tmp.resolve("data").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("sluice up: cannot reach Kafka at 127.0.0.1:" + closedPort)
                .contains("(check --kafka-bootstrap)");
    }

    @Test
    void malformedBootstrapIsAUsageError() {
        Result result = run("up", "--kafka-bootstrap", "localhost");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--kafka-bootstrap must be HOST:PORT");
    }

    @Test
    void validateSpeaksJsonForTools() throws Exception {
        Path sql =
                Files.writeString(
                        tmp.resolve("bad.sql"),
                        "CREATE TABLE t (a INT) WITH (\n  'connector' = 'filesystem', 'path' = '/tmp/x', 'format' = 'csv');\n");

        Result result = run("validate", "--format", "json", sql.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out())
                .contains("\"rule\" : \"security-connector\"")
                .contains("\"line\" : 2")
                .contains("\"column\" : 17")
                .contains("\"severity\" : \"error\"")
                .contains("\"fix\" : \"use one of [blackhole, datagen, kafka, upsert-kafka]");
    }

    @Test
    void validateSeesTablesOfARealCatalogWithoutChangingIt() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("catalog/sluice");
        try (CatalogStore store =
                CatalogStores.open(new StoreSettings(url, Optional.empty(), Optional.empty()))) {
            SluiceCatalog catalog = new SluiceCatalog("c", "default_database", store);
            catalog.open();
            ResolvedSchema schema =
                    ResolvedSchema.of(
                            Column.physical("id", DataTypes.INT()),
                            Column.physical("ts", DataTypes.TIMESTAMP(3)));
            catalog.createTable(
                    new ObjectPath("default_database", "existing"),
                    new ResolvedCatalogTable(
                            CatalogTable.newBuilder()
                                    .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                                    .options(Map.of("connector", "datagen"))
                                    .build(),
                            schema),
                    false);
        }
        Path sql =
                Files.writeString(
                        tmp.resolve("uses-existing.sql"),
                        "CREATE TABLE sink_t (id INT) WITH ('connector' = 'blackhole');\n"
                                + "INSERT INTO sink_t SELECT id FROM existing;\n");

        Result result = run("validate", "--catalog-url", url, sql.toString());
        Result without = run("validate", sql.toString());

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(without.out()).contains("[sql-validation] Object 'existing' not found");
        try (CatalogStore store =
                CatalogStores.open(new StoreSettings(url, Optional.empty(), Optional.empty()))) {
            assertThat(store.objectNames("default_database", Optional.empty()))
                    .containsExactly("existing");
        }
    }

    @Test
    void validateOfAMissingFileIsAUsageError() {
        Result result = run("validate", tmp.resolve("nope.sql").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no such file or directory: " + tmp.resolve("nope.sql"));
    }

    @Test
    void validateOfTheShippedPipelinesIsClean() {
        Result result =
                run(
                        "validate",
                        Path.of(System.getProperty("sluice.home", "..")).resolve("sql").toString());

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("statement(s): 0 error(s), 0 warning(s)");
    }

    private static void collect(CommandLine cli, List<String> path, List<List<String>> out) {
        for (var sub : cli.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            out.add(next);
            collect(sub.getValue(), next, out);
        }
    }
}
