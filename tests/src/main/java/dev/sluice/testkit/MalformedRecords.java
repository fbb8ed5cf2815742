package dev.sluice.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Record values a transactions table's JSON format cannot decode, one of each kind producers get
 * wrong: not JSON, a string where a number belongs, truncated JSON, binary bytes and an unparsable
 * timestamp.
 */
public final class MalformedRecords {

    public static final List<byte[]> KINDS =
            List.of(
                    utf8("not json at all"),
                    utf8(
                            "{\"account_id\":\"acct-bad\",\"merchant\":\"m\",\"amount\":\"twelve\","
                                    + "\"country\":\"NL\",\"event_time\":\"2026-01-05 09:00:00\"}"),
                    utf8("{\"account_id\":\"acct-bad\",\"merch"),
                    new byte[] {0, (byte) 0xff, (byte) 0xfe, 1, 2},
                    utf8(
                            "{\"account_id\":\"acct-bad\",\"merchant\":\"m\",\"amount\":1.00,"
                                    + "\"country\":\"NL\",\"event_time\":\"yesterday\"}"));

    private MalformedRecords() {}

    /** The {@code n}-th malformed value: the kinds in turn. */
    public static byte[] nth(int n) {
        return KINDS.get(Math.floorMod(n, KINDS.size())).clone();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
