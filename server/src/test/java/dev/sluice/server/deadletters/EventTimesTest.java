package dev.sluice.server.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    private static final Map<String, String> JSON_TABLE =
            Map.of(
                    "schema.0.name", "id",
                    "schema.1.name", "ts",
                    "schema.watermark.0.rowtime", "ts",
                    "format", "json");

    @Test
    void readsTheWatermarkColumnOfAJsonValueInEveryStyleFlinkWrites() {
        EventTimes times = EventTimes.of(JSON_TABLE).orElseThrow();
        long expected = Instant.parse("2026-01-05T09:00:00.250Z").toEpochMilli();
        assertThat(times.millis(utf8("{\"ts\":\"2026-01-05 09:00:00.25\"}")))
                .isEqualTo(OptionalLong.of(expected));
        assertThat(times.millis(utf8("{\"ts\":\"2026-01-05T09:00:00.250\"}")))
                .isEqualTo(OptionalLong.of(expected));
        assertThat(times.millis(utf8("{\"ts\":\"2026-01-05T09:00:00.250Z\"}")))
                .isEqualTo(OptionalLong.of(expected));
        assertThat(times.millis(utf8("{\"ts\":" + expected + "}")))
                .isEqualTo(OptionalLong.of(expected));
    }

    @Test
    void whatCannotBeReadHasNoEventTime() {
        EventTimes times = EventTimes.of(JSON_TABLE).orElseThrow();
        for (String value :
                new String[] {
                    "not json", "{\"ts\":\"yesterday\"}", "{\"id\":1}", "{\"ts\":[1]}", "{\"ts\""
                }) {
            assertThat(times.millis(utf8(value))).as(value).isEmpty();
        }
        assertThat(times.millis(null)).isEmpty();
        assertThat(times.millis(new byte[] {0, (byte) 0xff})).isEmpty();
    }

    @Test
    void aComputedOrNonJsonEventTimeIsNotGuessed() {
        assertThat(
                        EventTimes.of(
                                Map.of(
                                        "schema.0.name", "ts",
                                        "schema.0.expr", "TO_TIMESTAMP_LTZ(millis, 3)",
                                        "schema.watermark.0.rowtime", "ts",
                                        "format", "json")))
                .isEmpty();
        assertThat(
                        EventTimes.of(
                                Map.of(
                                        "schema.0.name", "ts",
                                        "schema.watermark.0.rowtime", "ts",
                                        "format", "csv")))
                .isEmpty();
        assertThat(EventTimes.of(Map.of("schema.0.name", "ts", "format", "json"))).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
