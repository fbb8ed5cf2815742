package dev.sluice.policy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        String sql =
                """
                -- a comment; with a semicolon
                CREATE TABLE t (a STRING) WITH ('x' = 'a;b');
                /* block; comment */
                INSERT INTO t SELECT 'it''s; fine' FROM `we;ird`;
                """;

        List<SqlStatement> statements = SqlScript.split("f.sql", sql);

        assertThat(statements)
                .extracting(SqlStatement::text)
                .containsExactly(
                        "CREATE TABLE t (a STRING) WITH ('x' = 'a;b')",
                        "INSERT INTO t SELECT 'it''s; fine' FROM `we;ird`");
        assertThat(statements.get(1).line()).isEqualTo(4);
        assertThat(statements.get(1).index()).isEqualTo(2);
    }

    @Test
    void keepsAStatementSetBlockWhole() {
        String sql =
                """
                EXECUTE STATEMENT SET BEGIN
                  INSERT INTO a SELECT 1;
                  INSERT INTO b SELECT 2;
                END;
                SELECT 3
                """;

        List<SqlStatement> statements = SqlScript.split("f.sql", sql);

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).text()).endsWith("INSERT INTO b SELECT 2;\nEND");
        assertThat(statements.get(1).text()).isEqualTo("SELECT 3");
    }

    @Test
    void locatesPositionsInTheFile() {
        SqlStatement statement = SqlScript.split("f.sql", "\n\n   SELECT\n  x").get(0);

        assertThat(statement.locate(1, 8)).isEqualTo("f.sql, statement 1, line 3, column 11");
        assertThat(statement.locate(2, 3)).isEqualTo("f.sql, statement 1, line 4, column 3");
    }

    @Test
    void keepsHintComments() {
        assertThat(SqlScript.split("f.sql", "INSERT INTO t /*+ OPTIONS('a'='b') */ SELECT 1;"))
                .extracting(SqlStatement::text)
                .containsExactly("INSERT INTO t /*+ OPTIONS('a'='b') */ SELECT 1");
    }
}
