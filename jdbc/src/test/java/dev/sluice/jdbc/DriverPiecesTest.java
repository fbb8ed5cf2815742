package dev.sluice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The driver's parts that need no gateway: URLs, JSON, literals, markers, errors, types. */
class DriverPiecesTest {

    @Test
    void theDriverIsFoundForItsUrlsOnly() throws SQLException {
        assertThat(DriverManager.getDriver("jdbc:sluice://127.0.0.1:8083"))
                .isInstanceOf(SluiceDriver.class);
        assertThat(new SluiceDriver().acceptsURL("jdbc:flink://127.0.0.1:8083")).isFalse();
        assertThat(new SluiceDriver().connect("jdbc:flink://x:1", new Properties())).isNull();
    }

    @Test
    void urlsTakeOptionsFromTheQueryAndThePropertiesAndNeverShowTheToken() throws SQLException {
        Properties info = new Properties();
        info.setProperty("password", "s3cret");
        DriverUrl url =
                DriverUrl.parse(
                        "jdbc:sluice://gw.example:8443/?ssl=true&changelog=true&catalog=kafka",
                        info);
        assertThat(url.gateway().toString()).isEqualTo("https://gw.example:8443");
        assertThat(url.token()).hasValue("s3cret");
        assertThat(url.changelog()).isTrue();
        assertThat(url.catalog()).hasValue("kafka");
        assertThat(url.toString()).doesNotContain("s3cret");
        Throwable userInfo =
                catchThrowable(
                        () -> DriverUrl.parse("jdbc:sluice://me:s3cret@gw:8083", new Properties()));
        assertThat(userInfo).hasMessageNotContaining("s3cret");
        Properties extra = new Properties();
        extra.setProperty("poolName", "tools pass their own");
        assertThat(DriverUrl.parse("jdbc:sluice://h:1?token=a+b", extra).token()).hasValue("a+b");

        Throwable typo =
                catchThrowable(
                        () -> DriverUrl.parse("jdbc:sluice://h:1?tokn=abc", new Properties()));
        assertThat(typo)
                .hasMessageContaining("an unknown option in the URL of jdbc:sluice://h:1?…")
                .hasMessageNotContaining("abc");
        Throwable address =
                catchThrowable(() -> DriverUrl.parse("jdbc:sluice://h", new Properties()));
        assertThat(address).hasMessageContaining("jdbc:sluice://HOST:PORT");
    }

    @Test
    void jsonIsReadExactly() {
        Map<String, Object> json =
                Json.object(
                        Json.parse(
                                "{\"a\": [1, 2.50, -3e2], \"s\": \"x\\\"y\\u00e9\\n\", \"t\": true, \"n\": null}"));
        assertThat(Json.array(json.get("a")))
                .containsExactly(
                        new BigDecimal("1"), new BigDecimal("2.50"), new BigDecimal("-3e2"));
        assertThat(json.get("s")).isEqualTo("x\"yé\n");
        assertThat(json.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(json).containsKey("n");
        assertThat(catchThrowable(() -> Json.parse("{\"a\": "))).hasMessageContaining("not JSON");
        assertThat(catchThrowable(() -> Json.parse("\"\\"))).hasMessageContaining("not JSON");
        assertThat(catchThrowable(() -> Json.parse("\"\\u12\""))).hasMessageContaining("not JSON");
        assertThat(catchThrowable(() -> Json.parse("[".repeat(100_000))))
                .hasMessageContaining("nested too deeply");
        assertThat(Json.quote("a\"b\\c\u0001")).isEqualTo("\"a\\\"b\\\\c\\u0001\"");
    }

    @Test
    void parametersBecomeLiteralsThatCannotEndEarly() throws SQLException {
        assertThat(Sql.literal("it's")).isEqualTo("'it''s'");
        assertThat(Sql.literal("'; DROP TABLE t; --")).isEqualTo("'''; DROP TABLE t; --'");
        assertThat(Sql.literal(new BigDecimal("1E+3"))).isEqualTo("(1000)");
        // "0-?" with -1 must not become the comment "0--1 …".
        assertThat("0-" + Sql.literal(-1)).isEqualTo("0-(-1)");
        assertThat(Sql.literal(-5L)).isEqualTo("CAST(-5 AS BIGINT)");
        assertThat(Sql.literal(new BigDecimal("-2.50"))).isEqualTo("(-2.50)");
        assertThat(Sql.literal(Timestamp.valueOf("2026-01-05 00:00:00")))
                .isEqualTo("TIMESTAMP '2026-01-05 00:00:00'");
        assertThat(Sql.literal(java.sql.Time.valueOf("09:00:00"))).isEqualTo("TIME '09:00:00'");
        assertThat(catchThrowable(() -> Sql.literal(new BigDecimal("1E+999999999"))))
                .hasMessageContaining("more digits than a Flink DECIMAL holds");
        assertThat(Sql.literal(Timestamp.valueOf("2026-01-05 09:00:00.25")))
                .isEqualTo("TIMESTAMP '2026-01-05 09:00:00.25'");
        assertThat(Sql.literal(null)).isEqualTo("NULL");
        assertThat(Sql.literal(new byte[] {0, (byte) 0xff})).isEqualTo("X'00FF'");
        assertThat(catchThrowable(() -> Sql.literal(new Object())))
                .hasMessageContaining("cannot be a Flink SQL literal");
        assertThat(Sql.identifier("we`ird")).isEqualTo("`we``ird`");

        String sql = "SELECT '?', \"?\", `?`, ? -- ?\n, /* ? */ ? FROM t WHERE s = 'a''?'";
        List<Integer> markers = SluicePreparedStatement.markers(sql);
        assertThat(markers).hasSize(2);
        assertThat(markers.stream().map(sql::charAt).toList()).containsOnly('?');
        // A hint's strings are strings: its */ inside a quote does not end it.
        String hinted =
                "SELECT /*+ OPTIONS('path'='/d/*/x') */ * FROM t WHERE a = ? AND b = 'what?'";
        assertThat(SluicePreparedStatement.markers(hinted))
                .containsExactly(hinted.indexOf("= ?") + 2);
        assertThat(SluicePreparedStatement.markers("SELECT 1 -- ?\r, ?")).hasSize(1);
        assertThat(SluicePreparedStatement.onlyTuples("(1, 'a)'), (2, 'b')")).isTrue();
        assertThat(SluicePreparedStatement.onlyTuples("(1, 2)) AS v(a, b)")).isFalse();
    }

    @Test
    void gatewayErrorsBecomeSqlExceptionsWithPositionRuleAndFix() {
        String refusal =
                "{\"errors\":[\"Internal server error.\",\"<Exception on server side:\\norg.apache.flink.table.gateway.api.utils.SqlGatewayException: x\\nCaused by: dev.sluice.policy.eo.StatementRejectedException: line 1, column 60: [security-files] 'path' = '/etc' is outside the directories this gateway allows\\n  Fix: use --allow-files\\n\\tat a.b\"]}";
        Exception refused = Errors.fromGateway(500, refusal);
        assertThat(((SQLException) refused).getSQLState()).isEqualTo("42501");
        assertThat(refused.getMessage())
                .isEqualTo(
                        "[security-files] 'path' = '/etc' is outside the directories this gateway allows (line 1, column 60). Fix: use --allow-files");
        SluiceError error = (SluiceError) refused;
        assertThat(error.line()).hasValue(1);
        assertThat(error.column()).hasValue(60);
        assertThat(error.rule()).hasValue("security-files");

        String validation =
                "{\"errors\":[\"Internal server error.\",\"org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed\\nCaused by: org.apache.flink.table.api.ValidationException: SQL validation failed. From line 2, column 3 to line 2, column 9: Object 'nope' not found\\n\\tat x\"]}";
        Exception syntax = Errors.fromGateway(500, validation);
        assertThat(syntax).isInstanceOf(SQLSyntaxErrorException.class);
        assertThat(syntax.getMessage()).contains("Object 'nope' not found");
        assertThat(((SluiceError) syntax).line()).hasValue(2);
        assertThat(((SluiceError) syntax).column()).hasValue(3);
    }

    @Test
    void flinkTypesMapToJdbcTypes() {
        SqlType decimal =
                SqlType.fromJson(
                        Json.parse(
                                "{\"type\":\"DECIMAL\",\"nullable\":false,\"precision\":12,\"scale\":2}"));
        assertThat(decimal.jdbcType()).isEqualTo(Types.DECIMAL);
        assertThat(decimal.precision()).isEqualTo(12);
        assertThat(decimal.scale()).isEqualTo(2);
        assertThat(decimal.nullable()).isFalse();
        SqlType string =
                SqlType.fromJson(
                        Json.parse(
                                "{\"type\":\"VARCHAR\",\"nullable\":true,\"length\":2147483647}"));
        assertThat(string.name()).isEqualTo("STRING");
        assertThat(SqlType.of("TIMESTAMP(3) *ROWTIME*", true).jdbcType())
                .isEqualTo(Types.TIMESTAMP);
        assertThat(SqlType.of("TIMESTAMP_LTZ(3)", true).jdbcType())
                .isEqualTo(Types.TIMESTAMP_WITH_TIMEZONE);
        assertThat(SqlType.of("ARRAY<STRING>", true).jdbcType()).isEqualTo(Types.ARRAY);
        assertThat(SqlType.of("BIGINT NOT NULL", true).nullable()).isFalse();
    }

    @Test
    void namePatternsAreJdbcs() {
        assertThat(SluiceDatabaseMetaData.matches(null, "x")).isTrue();
        assertThat(SluiceDatabaseMetaData.matches("fraud%", "fraud_alerts")).isTrue();
        assertThat(SluiceDatabaseMetaData.matches("fraud\\_alerts", "fraudXalerts")).isFalse();
        assertThat(SluiceDatabaseMetaData.matches("fraud_alerts", "fraudXalerts")).isTrue();
        assertThat(SluiceDatabaseMetaData.matches("a.b", "axb")).isFalse();
    }
}
