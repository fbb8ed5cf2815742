package dev.sluice.server.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.topics.SchemaInference.Inferred;
import dev.sluice.server.topics.SchemaInference.JsonColumns;
import dev.sluice.server.topics.SchemaInference.RawBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

    @Test
    void jsonObjectsBecomeTypedColumnsInTheOrderFirstSeen() {
        Map<String, DataType> columns =
                columns(
                        "{\"id\":\"a\",\"amount\":12,\"price\":1.5,\"ok\":true,"
                                + "\"where\":{\"lat\":1.0,\"lon\":2},\"tags\":[\"x\",\"y\"]}",
                        "{\"id\":\"b\",\"amount\":7,\"price\":2,\"ok\":false,"
                                + "\"where\":{\"lat\":3.5,\"lon\":4.25},\"tags\":[],\"late\":null}");

        assertThat(columns)
                .containsExactly(
                        Map.entry("id", DataTypes.STRING()),
                        Map.entry("amount", DataTypes.BIGINT()),
                        Map.entry("price", DataTypes.DOUBLE()),
                        Map.entry("ok", DataTypes.BOOLEAN()),
                        Map.entry(
                                "where",
                                DataTypes.ROW(
                                        DataTypes.FIELD("lat", DataTypes.DOUBLE()),
                                        DataTypes.FIELD("lon", DataTypes.DOUBLE()))),
                        Map.entry("tags", DataTypes.ARRAY(DataTypes.STRING())),
                        Map.entry("late", DataTypes.STRING()));
    }

    @Test
    void fieldsWhoseRecordsDisagreeAreStrings() {
        Map<String, DataType> columns =
                columns(
                        "{\"amount\":12,\"when\":\"yesterday\",\"nested\":{\"a\":1}}",
                        "{\"amount\":\"twelve\",\"when\":1700000000,\"nested\":[1]}");

        assertThat(columns)
                .containsExactly(
                        Map.entry("amount", DataTypes.STRING()),
                        Map.entry("when", DataTypes.STRING()),
                        Map.entry("nested", DataTypes.STRING()));
    }

    @Test
    void aFieldMissingFromSomeRecordsIsStillAColumn() {
        assertThat(columns("{\"a\":1}", "{\"b\":true}"))
                .containsExactly(
                        Map.entry("a", DataTypes.BIGINT()), Map.entry("b", DataTypes.BOOLEAN()));
    }

    @Test
    void topicsOfBytesOrMostlyBrokenJsonAreRawBytes() {
        assertThat(infer("not json", "\u0000\u0001\u00ff", "{\"truncated\":"))
                .isInstanceOf(RawBytes.class);
        assertThat(infer("[1,2,3]", "42", "\"text\"")).isInstanceOf(RawBytes.class);
        assertThat(SchemaInference.infer(List.of())).isInstanceOf(RawBytes.class);
        assertThat(SchemaInference.infer(Arrays.asList((byte[]) null)))
                .isInstanceOf(RawBytes.class);
    }

    @Test
    void aFewBrokenRecordsAmongJsonOnesDoNotChangeTheColumns() {
        assertThat(columns("{\"a\":1}", "{\"a\":2}", "garbage"))
                .containsExactly(Map.entry("a", DataTypes.BIGINT()));
    }

    @Test
    void hostileShapesAreBounded() {
        String deep = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
        Map<String, DataType> columns = columns(deep);
        assertThat(columns).containsOnlyKeys("a");
        assertThat(columns.get("a").toString()).contains("STRING");

        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < SchemaInference.MAX_FIELDS + 1; i++) {
            wide.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }
        assertThat(infer(wide.append("}").toString())).isInstanceOf(RawBytes.class);

        assertThat(infer("{\"n\":" + "9".repeat(5000) + "}"))
                .as("a number too long for the parser: not a JSON record")
                .isInstanceOf(RawBytes.class);
        assertThat(columns("{\"big\":123456789012345678901234567890}"))
                .containsExactly(Map.entry("big", DataTypes.DOUBLE()));
        assertThat(infer("{\"a\":1,\"a\":2}")).as("duplicate keys").isInstanceOf(RawBytes.class);
    }

    private static Map<String, DataType> columns(String... values) {
        Inferred inferred = infer(values);
        assertThat(inferred).isInstanceOf(JsonColumns.class);
        return ((JsonColumns) inferred).columns();
    }

    private static Inferred infer(String... values) {
        return SchemaInference.infer(
                Arrays.stream(values).map(v -> v.getBytes(StandardCharsets.UTF_8)).toList());
    }
}
