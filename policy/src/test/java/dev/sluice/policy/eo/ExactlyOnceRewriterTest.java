package dev.sluice.policy.eo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExactlyOnceRewriterTest {

    private static final Map<String, String> KAFKA_SINK =
            Map.of("connector", "kafka", "topic", "alerts", "format", "json");

    private final ExactlyOnceSettings settings =
            new ExactlyOnceSettings(
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(10),
                    Optional.of("127.0.0.1:9092"),
                    Set.of("audit_log"));

    private ExactlyOnceRewriter rewriter(Map<String, Map<String, String>> tables) {
        return new ExactlyOnceRewriter(
                settings,
                identifier -> Optional.ofNullable(tables.get(String.join(".", identifier))));
    }

    @Test
    void makesInsertIntoKafkaExactlyOnceWithAPrefixPerJob() throws Exception {
        ExactlyOnceRewriter rewriter = rewriter(Map.of("alerts", KAFKA_SINK));

        Rewrite first = rewriter.rewrite("INSERT INTO alerts SELECT * FROM src");
        Rewrite second = rewriter.rewrite("INSERT INTO alerts SELECT * FROM src");

        assertThat(first.submitsJob()).isTrue();
        assertThat(first.statement())
                .matches(
                        "INSERT INTO alerts /\\*\\+ OPTIONS\\('sink.delivery-guarantee'='exactly-once', "
                                + "'sink.transactional-id-prefix'='sluice-alerts-[0-9a-f]{8}', "
                                + "'properties.transaction.timeout.ms'='600000', "
                                + "'sink.transaction-naming-strategy'='POOLING'\\) \\*/ SELECT \\* FROM src");
        assertThat(prefix(first.statement())).isNotEqualTo(prefix(second.statement()));
    }

    @Test
    void keepsTheUsersHintsAndAppliesTheOperatorsTransactionTimeoutAfterThem() throws Exception {
        ExactlyOnceRewriter rewriter = rewriter(Map.of("cat.db.alerts", KAFKA_SINK));

        Rewrite rewrite =
                rewriter.rewrite(
                        "INSERT INTO cat.db.alerts /*+ OPTIONS('properties.transaction.timeout.ms'='60000') */\n"
                                + "SELECT * FROM src");

        // One OPTIONS hint: Flink reads only a table's first (FlinkHints.getHintedOptions), and
        // within a hint the later value of a key wins.
        assertThat(rewrite.statement())
                .startsWith(
                        "INSERT INTO cat.db.alerts /*+ OPTIONS('properties.transaction.timeout.ms'='60000', "
                                + "'sink.delivery-guarantee'='exactly-once', 'sink.transactional-id-prefix'='sluice-cat-db-alerts-")
                .endsWith(
                        "'properties.transaction.timeout.ms'='600000',"
                                + " 'sink.transaction-naming-strategy'='POOLING') */\nSELECT * FROM src");
        assertThat(firstOptionsHint(rewrite.statement()))
                .containsEntry("sink.delivery-guarantee", "exactly-once")
                .containsEntry("properties.transaction.timeout.ms", "600000");
    }

    @Test
    void sluicesOptionsGoIntoTheFirstOptionsHintWhereverTheUserPutHints() throws Exception {
        ExactlyOnceRewriter rewriter = rewriter(Map.of("alerts", KAFKA_SINK));

        for (String hints :
                List.of(
                        "/*+ OPTIONS('sink.parallelism'='1') */",
                        "/*+ OPTIONS('sink.parallelism'='1'), OPTIONS('sink.parallelism'='2') */",
                        "/*+ STATE_TTL('src'='1d'), OPTIONS('sink.parallelism'='1') */",
                        "/*+ options('sink.parallelism' = '1') */",
                        "/*+ STATE_TTL('src'='1d') */")) {
            String rewritten =
                    rewriter.rewrite("INSERT INTO alerts " + hints + " SELECT * FROM src")
                            .statement();
            assertThat(firstOptionsHint(rewritten))
                    .as(rewritten)
                    .containsEntry("sink.delivery-guarantee", "exactly-once")
                    .containsEntry("properties.transaction.timeout.ms", "600000")
                    .containsKey("sink.transactional-id-prefix");
        }
    }

    /** The options Flink applies to the INSERT's target: its first OPTIONS hint. */
    private static Map<String, String> firstOptionsHint(String statement) throws Exception {
        org.apache.flink.sql.parser.dml.RichSqlInsert insert =
                (org.apache.flink.sql.parser.dml.RichSqlInsert)
                        dev.sluice.policy.sql.FlinkSqlParsing.parse(statement);
        for (org.apache.calcite.sql.SqlNode node : insert.getTableHints()) {
            org.apache.calcite.sql.SqlHint hint = (org.apache.calcite.sql.SqlHint) node;
            if (hint.getName().equalsIgnoreCase("OPTIONS")) {
                return hint.getOptionKVPairs();
            }
        }
        return Map.of();
    }

    @Test
    void keepsATransactionNamingStrategyTheTableOrAHintNames() throws Exception {
        Map<String, String> incrementing = new java.util.HashMap<>(KAFKA_SINK);
        incrementing.put("sink.transaction-naming-strategy", "INCREMENTING");
        ExactlyOnceRewriter rewriter =
                rewriter(Map.of("alerts", incrementing, "other", KAFKA_SINK));

        assertThat(rewriter.rewrite("INSERT INTO alerts SELECT * FROM src").statement())
                .doesNotContain("naming-strategy'='POOLING");
        assertThat(
                        rewriter.rewrite(
                                        "INSERT INTO other /*+ OPTIONS("
                                                + "'sink.transaction-naming-strategy'='INCREMENTING')"
                                                + " */ SELECT * FROM src")
                                .statement())
                .doesNotContain("POOLING");
        assertThat(rewriter.rewrite("INSERT INTO other SELECT * FROM src").statement())
                .contains("'sink.transaction-naming-strategy'='POOLING'");
    }

    @Test
    void aHintOtherThanOptionsDoesNotHideAKafkaSink() throws Exception {
        Rewrite rewrite =
                rewriter(Map.of("alerts", KAFKA_SINK))
                        .rewrite(
                                "INSERT INTO alerts /*+ STATE_TTL('connector' = '1d') */ SELECT * FROM src");

        assertThat(rewrite.statement()).contains("'sink.delivery-guarantee'='exactly-once'");
    }

    @Test
    void placesTheHintRightWhateverLineBreaksTheStatementUses() throws Exception {
        for (String breakChars : List.of("\r", "\r\n", "\n")) {
            String statement =
                    "INSERT INTO"
                            + breakChars
                            + "alerts SELECT * FROM src"
                            + breakChars
                            + "-- pad pad pad";

            Rewrite rewrite = rewriter(Map.of("alerts", KAFKA_SINK)).rewrite(statement);

            assertThat(rewrite.statement())
                    .as(breakChars.replace("\r", "CR").replace("\n", "LF"))
                    .startsWith("INSERT INTO" + breakChars + "alerts /*+ OPTIONS(")
                    .endsWith(breakChars + "-- pad pad pad");
        }
    }

    @Test
    void rewritesEveryInsertOfAStatementSet() throws Exception {
        ExactlyOnceRewriter rewriter = rewriter(Map.of("a", KAFKA_SINK, "b", KAFKA_SINK));

        Rewrite rewrite =
                rewriter.rewrite(
                        "EXECUTE STATEMENT SET BEGIN\n"
                                + "INSERT INTO a SELECT * FROM src;\n"
                                + "INSERT INTO b SELECT * FROM src;\n"
                                + "END");

        assertThat(rewrite.submitsJob()).isTrue();
        assertThat(rewrite.statement()).contains("sluice-a-", "sluice-b-");
    }

    @Test
    void leavesNonKafkaSinksAlone() throws Exception {
        ExactlyOnceRewriter rewriter =
                rewriter(Map.of("sink_table", Map.of("connector", "blackhole")));

        Rewrite rewrite = rewriter.rewrite("INSERT INTO sink_table SELECT 1");

        assertThat(rewrite.statement()).isEqualTo("INSERT INTO sink_table SELECT 1");
        assertThat(rewrite.submitsJob()).isTrue();
    }

    @Test
    void rejectsASinkDeclaredAtLeastOnce() {
        Map<String, String> atLeastOnce =
                Map.of(
                        "connector",
                        "kafka",
                        "topic",
                        "t",
                        "sink.delivery-guarantee",
                        "at-least-once");
        ExactlyOnceRewriter rewriter = rewriter(Map.of("alerts", atLeastOnce));

        assertThatThrownBy(() -> rewriter.rewrite("INSERT INTO alerts\n  SELECT * FROM src"))
                .isInstanceOf(StatementRejectedException.class)
                .hasMessage(
                        "line 1, column 13: [exactly-once] sink 'alerts' has 'sink.delivery-guarantee' = "
                                + "'at-least-once'; Sluice deploys every pipeline exactly-once.\n"
                                + "  Fix: remove the option or set it to 'exactly-once' "
                                + "(a transactional id prefix is assigned for you); an operator can exempt "
                                + "the table with --allow-at-least-once.");
    }

    @Test
    void leavesASinkTheOperatorExemptedAsDeclared() throws Exception {
        Map<String, String> atLeastOnce =
                Map.of(
                        "connector",
                        "kafka",
                        "topic",
                        "t",
                        "sink.delivery-guarantee",
                        "at-least-once");
        ExactlyOnceRewriter rewriter = rewriter(Map.of("audit_log", atLeastOnce));

        assertThat(rewriter.rewrite("INSERT INTO audit_log SELECT 1").statement())
                .isEqualTo("INSERT INTO audit_log SELECT 1");
    }

    @Test
    void givesTemporaryKafkaTablesTheStacksBrokerAndReadCommitted() throws Exception {
        String ddl =
                """
                CREATE TEMPORARY TABLE t (
                  a STRING
                ) WITH (
                  'connector' = 'kafka',
                  'topic' = 't',
                  'format' = 'json'
                )""";

        Rewrite rewrite = rewriter(Map.of()).rewrite(ddl);

        assertThat(rewrite.submitsJob()).isFalse();
        assertThat(rewrite.statement())
                .isEqualTo(
                        ddl.replace(
                                "'format' = 'json'",
                                "'format' = 'json', 'properties.bootstrap.servers' = '127.0.0.1:9092', "
                                        + "'properties.isolation.level' = 'read_committed'"));
    }

    @Test
    void rewritesStatementsThatArriveWithTheirSemicolon() throws Exception {
        ExactlyOnceRewriter rewriter = rewriter(Map.of("alerts", KAFKA_SINK));

        assertThat(rewriter.rewrite("INSERT INTO alerts SELECT * FROM src;\n").statement())
                .contains("'sink.delivery-guarantee'='exactly-once'")
                .endsWith("SELECT * FROM src;\n");
        assertThat(
                        rewriter(Map.of())
                                .rewrite(
                                        "CREATE TEMPORARY TABLE t (a INT) WITH ('connector' = 'kafka');")
                                .statement())
                .contains("'properties.isolation.level' = 'read_committed');");
    }

    @Test
    void leavesCatalogTablesAsWrittenForTheCatalogToComplete() throws Exception {
        String ddl = "CREATE TABLE t (a STRING) WITH ('connector' = 'kafka', 'topic' = 't')";

        assertThat(rewriter(Map.of()).rewrite(ddl).statement()).isEqualTo(ddl);
    }

    @Test
    void keepsOptionsTheUserSet() throws Exception {
        String ddl =
                "CREATE TEMPORARY TABLE t (a STRING) WITH ('connector' = 'kafka', 'topic' = 't', "
                        + "'properties.bootstrap.servers' = 'broker:9092', "
                        + "'properties.isolation.level' = 'read_uncommitted', 'format' = 'json')";

        assertThat(rewriter(Map.of()).rewrite(ddl).statement()).isEqualTo(ddl);
    }

    @Test
    void leavesStatementsWithoutSinksAsTheyAre() throws Exception {
        for (String statement : List.of("SET 'a' = 'b'", "BEGIN STATEMENT SET", "SELECT 1;;")) {
            assertThat(rewriter(Map.of()).rewrite(statement).statement()).isEqualTo(statement);
        }
    }

    @Test
    void refusesTextThatIsNotExactlyOneStatement() {
        for (String statement : List.of("SELEC 1", "SELECT 1; SELECT 2", ";;")) {
            assertThatThrownBy(() -> rewriter(Map.of()).rewrite(statement))
                    .as(statement)
                    .isInstanceOf(StatementRejectedException.class);
        }
    }

    @Test
    void rewritesASinkFollowedByExtraTerminatorsAndComments() throws Exception {
        Rewrite rewrite =
                rewriter(Map.of("alerts", KAFKA_SINK))
                        .rewrite("INSERT INTO alerts SELECT * FROM src;; -- done\n/* c */");

        assertThat(rewrite.submitsJob()).isTrue();
        assertThat(rewrite.statement())
                .contains("'sink.delivery-guarantee'='exactly-once'")
                .endsWith(";; -- done\n/* c */");
    }

    private static String prefix(String statement) {
        return statement.replaceAll(".*'sink.transactional-id-prefix'='([^']+)'.*", "$1");
    }
}
