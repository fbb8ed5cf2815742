package dev.sluice.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice test} on the project's own {@code sql/} and on projects made here: a real local
 * Flink runs each pipeline file as deployed, against fixtures.
 */
class SluiceTestCommandTest {

    private static final Path SQL = Path.of(System.getProperty("sluice.home", "..")).resolve("sql");

    @TempDir Path tmp;

    private record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Result sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void theRepositorysPipelinesPassTheirTestsAndALateRecordIsReported() {
        Result result = sluice("test", SQL.toString());
        assertThat(result.code).as(result.all()).isZero();
        assertThat(result.out)
                .contains("PASS fraud_alerts/burst_at_window_boundary")
                .contains("PASS high_risk_alerts/crypto_at_night")
                .contains("PASS scored_transactions/reasons")
                .contains("3 test(s), 3 passed, 0 failed")
                // acct-3's 20,000 came after the watermark passed its windows: excluded (the
                // expected file has no acct-3 row) and reported with where it is.
                .containsPattern(
                        "late: \\S*fraud_alerts/burst_at_window_boundary/input/transactions\\.jsonl:15: event time 2026-01-05 09:25:00 is at or behind the watermark 2026-01-05 09:40:00")
                .containsPattern(
                        "bad record: \\S*input/transactions\\.jsonl:11: dead-lettered: JsonParseException");
    }

    @Test
    void aLowerFraudThresholdFailsWithTheAlertsItWouldRaise() throws IOException {
        Path project = copy(SQL);
        Path pipeline = project.resolve("pipelines/fraud_alerts.sql");
        Files.writeString(pipeline, Files.readString(pipeline).replace("> 10000", "> 1000"));

        Result result = sluice("test", project.toString(), "--filter", "fraud_alerts");
        assertThat(result.code).as(result.all()).isEqualTo(1);
        assertThat(result.out)
                .contains("FAIL fraud_alerts/burst_at_window_boundary")
                .containsPattern(
                        "expected/fraud_alerts\\.jsonl: 0 expected rows missing, \\d+ unexpected rows \\(expected 2, got \\d+\\)")
                .contains(
                        "+ {\"account_id\":\"acct-2\",\"window_start\":\"2026-01-05 09:12:00\",\"window_end\":\"2026-01-05 09:22:00\",\"total_amount\":7000.00,\"tx_count\":2}")
                .contains("1 test(s), 0 passed, 1 failed");
    }

    @Test
    void updateWritesExpectedFilesThatPassAndASecondUpdateChangesNothing() throws IOException {
        Path project = copy(SQL);
        Path expected =
                project.resolve(
                        "tests/fraud_alerts/burst_at_window_boundary/expected/fraud_alerts.jsonl");
        String reviewed = Files.readString(expected);
        Files.delete(expected);

        Result missing = sluice("test", project.toString(), "--filter", "burst");
        assertThat(missing.code).as(missing.all()).isEqualTo(2);
        assertThat(missing.err)
                .contains(
                        "expected/fraud_alerts.jsonl: missing: what the pipeline should write to fraud_alerts")
                .contains("run sluice test --update");

        Result update = sluice("test", project.toString(), "--filter", "burst", "--update");
        assertThat(update.code).as(update.all()).isZero();
        assertThat(update.out).contains("updated ").contains("expected/fraud_alerts.jsonl");
        assertThat(Files.readString(expected)).isEqualTo(reviewed);

        Result again = sluice("test", project.toString(), "--filter", "burst", "--update");
        assertThat(again.code).as(again.all()).isZero();
        assertThat(again.out).doesNotContain("updated ");
        assertThat(sluice("test", project.toString(), "--filter", "burst").code).isZero();
    }

    @Test
    void anUpdatingPipelineIsComparedAsAChangelog() throws IOException {
        Path project = tmp.resolve("clicks");
        write(
                project.resolve("tables/clicks.sql"),
                """
                CREATE TABLE clicks (user_id STRING, n INT) WITH (
                    'connector' = 'kafka', 'topic' = 'clicks', 'format' = 'json');
                CREATE TABLE clicks_per_user (user_id STRING, total BIGINT, PRIMARY KEY (user_id) NOT ENFORCED)
                WITH ('connector' = 'upsert-kafka', 'topic' = 'clicks-per-user',
                    'key.format' = 'json', 'value.format' = 'json');
                """);
        write(
                project.resolve("pipelines/per_user.sql"),
                """
                SET 'table.exec.state.ttl' = '1 h';
                INSERT INTO clicks_per_user SELECT user_id, SUM(n) FROM clicks GROUP BY user_id;
                """);
        Path test = project.resolve("tests/per_user/running_totals");
        write(
                test.resolve("input/clicks.jsonl"),
                """
                {"user_id": "u1", "n": 1}
                {"user_id": "u2", "n": 5}
                {"user_id": "u1", "n": 2}
                """);
        write(
                test.resolve("expected/clicks_per_user.jsonl"),
                """
                # ordered
                {"$op": "+I", "user_id": "u1", "total": 1}
                {"$op": "+I", "user_id": "u2", "total": 5}
                {"$op": "+U", "user_id": "u1", "total": 3}
                """);
        Result result = sluice("test", project.toString());
        assertThat(result.code).as(result.all()).isZero();

        // Without row kinds, the update is a difference the diff names.
        write(
                test.resolve("expected/clicks_per_user.jsonl"),
                """
                {"user_id": "u1", "total": 1}
                {"user_id": "u2", "total": 5}
                {"user_id": "u1", "total": 3}
                """);
        Result plain = sluice("test", project.toString());
        assertThat(plain.code).as(plain.all()).isEqualTo(1);
        assertThat(plain.out)
                .contains("1 expected rows missing, 1 unexpected rows")
                .contains("- {\"user_id\":\"u1\",\"total\":3}")
                .contains("+ {\"$op\":\"+U\",\"user_id\":\"u1\",\"total\":3}");
    }

    @Test
    void badFixturesNameTheFileTheLineAndTheFix() throws IOException {
        Path project = copy(SQL);
        Path test = project.resolve("tests/fraud_alerts/burst_at_window_boundary");
        Path input = test.resolve("input/transactions.jsonl");
        String good = Files.readString(input);

        write(test.resolve("input/nope.jsonl"), "{\"a\": 1}\n");
        assertBad(
                project, "input/nope.jsonl: no table 'nope' in the project", "input/<table>.jsonl");
        Files.delete(test.resolve("input/nope.jsonl"));

        Files.writeString(input, good + "{\"account_id\": \"a\", \"amount_eur\": 1}\n");
        assertBad(
                project,
                "input/transactions.jsonl:16: column 'amount_eur' is not in table transactions (columns: account_id, merchant, amount, country, event_time)",
                "{\"$value\"");

        Files.writeString(input, good + "{\"$watermark\": \"yesterday\"}\n");
        assertBad(
                project,
                "input/transactions.jsonl:16: $watermark: 'yesterday' is not a time",
                "2026-01-05 09:00:00");

        Files.writeString(input, good + "{\"account_id\": \"a\", \"event_time\": \"soon\"}\n");
        assertBad(
                project,
                "input/transactions.jsonl:16: column 'event_time': \"soon\" is not a TIMESTAMP(3) value",
                "$value");

        Files.writeString(input, good + "{\"account_id\": \"a\", \"amount\": 1e20}\n");
        assertBad(
                project,
                "input/transactions.jsonl:16: column 'amount': 100000000000000000000 does not fit DECIMAL(12, 2)",
                "$value");

        Files.writeString(input, good + "{\"account_id\": \"a\", \"$timestamp\": 5}\n");
        assertBad(
                project,
                "input/transactions.jsonl:16: 'account_id' next to $ fields",
                "\"$value\"");

        Files.writeString(input, good + "{\"account_id\": \"a\", \n");
        assertBad(project, "input/transactions.jsonl:16: not a JSON object", "one record per line");

        Files.writeString(input, good);
        Path expected = test.resolve("expected/fraud_alerts.jsonl");
        Files.writeString(expected, "{\"account_id\": \"acct-1\"}\n");
        assertBad(
                project,
                "expected/fraud_alerts.jsonl:1: the row has no 'window_start'",
                "--update");

        Result usage = sluice("test", tmp.resolve("nowhere").toString());
        assertThat(usage.code).isEqualTo(2);
        assertThat(usage.err).contains("is not a directory");
        Result format = sluice("test", project.toString(), "--format", "xml");
        assertThat(format.code).isEqualTo(2);
        assertThat(format.err).contains("'xml' is not a format; use text, junit or json");
    }

    @Test
    void junitAndJsonReportsForCi() {
        Result junit = sluice("test", SQL.toString(), "--filter", "crypto", "--format", "junit");
        assertThat(junit.code).as(junit.all()).isZero();
        assertThat(junit.out)
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<testsuite name=\"sluice test\" tests=\"1\" failures=\"0\"")
                .contains("<testcase classname=\"high_risk_alerts\" name=\"crypto_at_night\"");
        Result json = sluice("test", SQL.toString(), "--filter", "burst", "--format", "json");
        assertThat(json.code).as(json.all()).isZero();
        assertThat(json.out)
                .contains("\"test\" : \"fraud_alerts/burst_at_window_boundary\"")
                .contains("\"passed\" : true");
    }

    private void assertBad(Path project, String message, String fix) {
        Result result = sluice("test", project.toString(), "--filter", "burst");
        assertThat(result.code).as(result.all()).isEqualTo(2);
        assertThat(result.err).contains(message).contains(fix);
    }

    private Path copy(Path from) {
        Path to = tmp.resolve("project");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
