package dev.sluice.cli.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The JSON form of a transaction, as Flink's {@code json} format reads it: snake_case fields and
 * SQL timestamps ({@code yyyy-MM-dd HH:mm:ss.SSS}).
 */
public final class TransactionJson {

    public static final DateTimeFormatter SQL_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TransactionJson() {}

    /** The event time of a transaction's JSON, or empty when it has none that parses. */
    public static Optional<LocalDateTime> eventTime(byte[] json) {
        try {
            String text = MAPPER.readTree(json).path("event_time").asText("");
            return Optional.of(LocalDateTime.parse(text, SQL_TIMESTAMP));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static byte[] toJson(Transaction tx) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("account_id", tx.accountId());
        node.put("merchant", tx.merchant());
        node.put("amount", tx.amount());
        node.put("country", tx.country());
        node.put("event_time", SQL_TIMESTAMP.format(tx.eventTime()));
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a transaction always serializes", e);
        }
    }
}
