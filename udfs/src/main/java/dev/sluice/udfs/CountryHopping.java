package dev.sluice.udfs;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.StateHint;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.types.Row;

/**
 * {@code COUNTRY_HOPPING(input => TABLE t PARTITION BY account_id, min_countries => 3, span =>
 * INTERVAL '30' MINUTE, on_time => DESCRIPTOR(event_time))}: a stateful per-account detector (a
 * Process Table Function) that emits a row whenever an account's transactions come from {@code
 * min_countries} or more different countries within {@code span}, and a transaction from another
 * new country arrives. The input needs a {@code country} column.
 *
 * <p>Output after the partition key: {@code countries} (how many), {@code country_list} (sorted,
 * comma-separated) and {@code seen_at} (the event time of the row that tripped it). State per
 * account is the last time each country was seen; entries older than {@code span} are dropped on
 * every row, a timer clears the account's state once it has been quiet for {@code span}, and a 24 h
 * state TTL bounds it regardless. Rows with a NULL country are ignored; a NULL or non-positive
 * {@code min_countries} or {@code span} disables the detector (no output).
 */
@DataTypeHint("ROW<countries INT, country_list STRING, seen_at TIMESTAMP(3)>")
public final class CountryHopping extends ProcessTableFunction<Row> {

    private static final long serialVersionUID = 1L;

    /** Last event time per country of one account. */
    public static final class Seen {
        public Map<String, LocalDateTime> lastSeen = new HashMap<>();
    }

    public void eval(
            Context ctx,
            @StateHint(ttl = "24 h") Seen seen,
            @ArgumentHint({ArgumentTrait.SET_SEMANTIC_TABLE, ArgumentTrait.REQUIRE_ON_TIME})
                    Row input,
            Integer minCountries,
            Duration span) {
        if (minCountries == null
                || minCountries < 1
                || span == null
                || span.isNegative()
                || span.isZero()) {
            return;
        }
        Object countryField = input.getField("country");
        if (!(countryField instanceof String country)) {
            return;
        }
        TimeContext<LocalDateTime> time = ctx.timeContext(LocalDateTime.class);
        LocalDateTime now = time.time();
        LocalDateTime from = now.minus(span);
        seen.lastSeen.values().removeIf(at -> at.isBefore(from));
        boolean newCountry = !seen.lastSeen.containsKey(country);
        seen.lastSeen.merge(country, now, (a, b) -> a.isAfter(b) ? a : b);
        if (newCountry && seen.lastSeen.size() >= minCountries) {
            collect(
                    Row.of(
                            seen.lastSeen.size(),
                            String.join(",", new TreeSet<>(seen.lastSeen.keySet())),
                            now));
        }
        time.registerOnTime("quiet", now.plus(span));
    }

    /** The account was quiet for {@code span}: nothing it saw still counts. */
    public void onTimer(OnTimerContext ctx, Seen seen) {
        ctx.clearAllState();
    }
}
