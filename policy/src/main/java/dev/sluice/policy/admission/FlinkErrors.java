package dev.sluice.policy.admission;

import dev.sluice.policy.Failures;
import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.Rule;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Flink's own validation and planning errors as findings, at the position Flink names. */
public final class FlinkErrors {

    /** Flink's validator or planner refused the statement; the message is Flink's. */
    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");

    private FlinkErrors() {}

    public static Finding finding(RuntimeException e) {
        String message = Failures.innermostMessage(e);
        int line = 1;
        int column = 1;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            Matcher position = POSITION.matcher(String.valueOf(t.getMessage()));
            if (position.find()) {
                line = Integer.parseInt(position.group(1));
                column = Integer.parseInt(position.group(2));
                break;
            }
        }
        String cleaned =
                message.replaceFirst("^From line \\d+, column \\d+ to line \\d+, column \\d+: ", "")
                        .lines()
                        .findFirst()
                        .orElse(message)
                        .strip();
        return Finding.error(
                Rule.SQL_VALIDATION, line, column, Failures.printable(cleaned), fixFor(cleaned));
    }

    private static String fixFor(String message) {
        if (message.startsWith("Object '")) {
            return "create it first, or check its name (SHOW TABLES)";
        }
        if (message.startsWith("Column '")) {
            return "check the column's name (DESCRIBE the table)";
        }
        if (message.contains("No match found for function signature")) {
            return "check the function's name and argument types (SHOW FUNCTIONS)";
        }
        return "change the statement so that Flink accepts it";
    }
}
