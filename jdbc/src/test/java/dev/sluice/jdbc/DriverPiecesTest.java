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

        Throwable typo =
                catchThrowable(
                        () -> DriverUrl.parse("jdbc:sluice://h:1?tokn=abc", new Properties()));
        assertThat(typo)
                .hasMessageContaining("unknown option 'tokn'")
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
        assertThat(Json.quote("a\"b\\c\u0001")).isEqualTo("\"a\\\"b\\\\c\\u0001\"");
    }

    @Test
    void parametersBecomeLiteralsThatCannotEndEarly() throws SQLException {
        assertThat(Sql.literal("it's")).isEqualTo("'it''s'");
        assertThat(Sql.literal("'; DROP TABLE t; --")).isEqualTo("'''; DROP TABLE t; --'");
        assertThat(Sql.literal(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Sql.literal(Timestamp.valueOf("2026-01-05 09:00:00.25")))
                .isEqualTo("TIMESTAMP '2026-01-05 09:00:00.250'");
        assertThat(Sql.literal(null)).isEqualTo("NULL");
        assertThat(Sql.literal(new byte[] {0, (byte) 0xff})).isEqualTo("X'00FF'");
        assertThat(catchThrowable(() -> Sql.literal(new Object())))
                .hasMessageContaining("cannot be a Flink SQL literal");
        assertThat(Sql.identifier("we`ird")).isEqualTo("`we``ird`");

        String sql = "SELECT '?', \"?\", `?`, ? -- ?\n, /* ? */ ? FROM t WHERE s = 'a''?'";
        List<Integer> markers = SluicePreparedStatement.markers(sql);
        assertThat(markers).hasSize(2);
        assertThat(markers.stream().map(sql::charAt).toList()).containsOnly('?');
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
