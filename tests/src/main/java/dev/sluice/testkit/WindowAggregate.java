package dev.sluice.testkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/** One output row of a windowed SUM/COUNT per account, as the pipelines in these tests write it. */
public record WindowAggregate(
        String accountId,
        LocalDateTime windowStart,
        LocalDateTime windowEnd,
        BigDecimal total,
        long count) {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public WindowAggregate {
        total = total.setScale(2);
    }

    public static WindowAggregate fromJson(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return new WindowAggregate(
                    node.path("account_id").asText(),
                    timestamp(node.path("window_start").asText()),
                    timestamp(node.path("window_end").asText()),
                    node.path("total_amount").decimalValue(),
                    node.path("tx_count").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("not a window aggregate: " + json, e);
        }
    }

    private static LocalDateTime timestamp(String sql) {
        return LocalDateTime.parse(sql.replace(' ', 'T'));
    }
}
