package dev.sluice.cli;

import java.time.Duration;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations the way Flink's options do: {@code 500ms}, {@code 1s}, {@code 2 min}. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a duration; use for example 500ms, 1s or 2min");
        }
    }
}
