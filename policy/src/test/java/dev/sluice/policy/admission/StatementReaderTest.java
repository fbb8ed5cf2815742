package dev.sluice.policy.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.policy.guard.Rule;
import org.apache.flink.sql.parser.ddl.SqlAddJar;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.delegation.Parser;
import org.apache.flink.table.operations.command.SetOperation;
import org.junit.jupiter.api.Test;

class StatementReaderTest {

    private static final Parser FLINK =
            ((TableEnvironmentInternal)
                            TableEnvironment.create(EnvironmentSettings.inStreamingMode()))
                    .getParser();

    private final StatementReader reader = new StatementReader(1_000);

    @Test
    void readsTheStatementFlinkReadsWhateverTerminatorsAndCommentsFollow() throws Exception {
        for (String text :
                new String[] {
                    "ADD JAR '/x.jar';;",
                    "ADD JAR '/x.jar'; -- c",
                    "/* c */ ADD JAR '/x.jar'; /* d */"
                }) {
            ReadStatement read = reader.read(text, FLINK);

            assertThat(read.statementTree()).as(text).containsInstanceOf(SqlAddJar.class);
            assertThat(read.text()).isEqualTo(text);
        }
    }

    @Test
    void readsClientCommandsAsFlinksOwnParserDoes() throws Exception {
        ReadStatement legacy = reader.read("SET pipeline.jars = /x.jar;", FLINK);
        ReadStatement quoted = reader.read("SET 'pipeline.jars' = '/x.jar';;", FLINK);

        for (ReadStatement read : new ReadStatement[] {legacy, quoted}) {
            SetOperation set = (SetOperation) read.command().orElseThrow();
            assertThat(set.getKey()).contains("pipeline.jars");
            assertThat(set.getValue()).contains("/x.jar");
            assertThat(read.statementTree()).isEmpty();
        }
    }

    @Test
    void refusesWhatIsNotExactlyOneStatement() {
        assertThat(refusal("SHOW TABLES; ADD JAR '/x.jar'"))
                .contains("this is 2 statements; the gateway runs one at a time");
        assertThat(refusal(";; -- nothing")).startsWith("Encountered \";\"");
        assertThat(refusal("-- only a comment")).contains("<EOF>");
        assertThat(refusal("SET a = b;; SET c = d")).startsWith("Encountered");
        assertThat(refusal("SELEC 1")).isNotBlank();
    }

    @Test
    void refusesHugeAndDeeplyNestedStatementsWithAMessage() {
        assertThat(refusal("SELECT '" + "x".repeat(2_000) + "'"))
                .isEqualTo(
                        "the statement is 2,009 characters long; this gateway reads at most 1,000");
        StatementReader roomy = new StatementReader(1 << 20);
        String deep = "SELECT " + "(".repeat(3_000) + "1" + ")".repeat(3_000);
        UnreadableStatementException e =
                catchThrowableOfType(
                        UnreadableStatementException.class, () -> roomy.read(deep, FLINK));
        assertThat(e.finding().rule()).isIn(Rule.STATEMENT_LIMITS, Rule.SQL_SYNTAX);
        assertThat(e.finding().message()).isNotBlank();
    }

    private String refusal(String text) {
        UnreadableStatementException e =
                catchThrowableOfType(
                        UnreadableStatementException.class, () -> reader.read(text, FLINK));
        assertThat(e).as(text).isNotNull();
        return e.finding().message();
    }
}
