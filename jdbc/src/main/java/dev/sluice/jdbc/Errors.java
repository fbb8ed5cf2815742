package dev.sluice.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's errors as {@link SQLException}s a tool understands: Sluice's refusals with their
 * rule, position and fix; Flink's parse and validation errors as {@link SQLSyntaxErrorException}
 * (SQLState 42000) with their position; the rest as the innermost cause's message.
 */
final class Errors {

    private static final Pattern REFUSAL =
            Pattern.compile(
                    "line (\\d+), column (\\d+): \\[([a-z0-9-]+)\\] (.*?)\\R\\s*Fix: ([^\\r\\n]*)",
                    Pattern.DOTALL);
    private static final Pattern POSITION =
            Pattern.compile("(?:[Ff]rom line|at line|line) (\\d+), column (\\d+)");
    private static final Pattern CAUSE = Pattern.compile("(?m)^Caused by: ([\\w.$]+)(?:: (.*))?$");

    private Errors() {}

    /** A statement's failure, from the text of the gateway's errors. */
    static SQLException fromGateway(int status, String body) {
        String text = body;
        try {
            List<Object> errors = Json.array(Json.object(Json.parse(body)).get("errors"));
            text = String.join("\n", errors.stream().map(String::valueOf).toList());
        } catch (RuntimeException notJson) {
            // the body as it is
        }
        return fromText(text, status);
    }

    static SQLException fromText(String text, int status) {
        Matcher refusal = REFUSAL.matcher(text);
        if (refusal.find()) {
            int line = Integer.parseInt(refusal.group(1));
            int column = Integer.parseInt(refusal.group(2));
            String rule = refusal.group(3);
            String message =
                    "[%s] %s (line %d, column %d). Fix: %s"
                            .formatted(
                                    rule,
                                    refusal.group(4).strip(),
                                    line,
                                    column,
                                    refusal.group(5).strip());
            return rule.startsWith("security-")
                    ? new Refused(message, "42501", line, column, rule, refusal.group(5).strip())
                    : new Syntax(message, "42000", line, column, rule, refusal.group(5).strip());
        }
        String cause = innermost(text);
        boolean syntax =
                text.contains("SqlParseException")
                        || text.contains("SQL parse failed")
                        || text.contains("ValidationException")
                        || text.contains("SQL validation failed");
        Matcher position = POSITION.matcher(cause);
        OptionalInt line = OptionalInt.empty();
        OptionalInt column = OptionalInt.empty();
        if (position.find()) {
            line = OptionalInt.of(Integer.parseInt(position.group(1)));
            column = OptionalInt.of(Integer.parseInt(position.group(2)));
        }
        if (syntax) {
            return new Syntax(cause, "42000", line, column);
        }
        return new Failure(cause, status >= 500 ? "HY000" : "42000", line, column);
    }

    /** The innermost "Caused by" message of a stack trace, else its first line. */
    private static String innermost(String text) {
        Matcher cause = CAUSE.matcher(text);
        String found = null;
        while (cause.find()) {
            if (cause.group(2) != null && !cause.group(2).isBlank()) {
                found = cause.group(2).strip();
            }
        }
        if (found != null) {
            return found;
        }
        for (String line : text.split("\\R")) {
            if (!line.isBlank() && !line.strip().equals("Internal server error.")) {
                return line.strip();
            }
        }
        return text.strip();
    }

    /** A statement the gateway could not parse or validate, or that broke a Sluice rule. */
    static final class Syntax extends SQLSyntaxErrorException implements SluiceError {
        private static final long serialVersionUID = 1L;
        private final OptionalInt line;
        private final OptionalInt column;
        private final Optional<String> rule;
        private final Optional<String> fix;

        Syntax(String message, String state, OptionalInt line, OptionalInt column) {
            super(message, state);
            this.line = line;
            this.column = column;
            this.rule = Optional.empty();
            this.fix = Optional.empty();
        }

        Syntax(String message, String state, int line, int column, String rule, String fix) {
            super(message, state);
            this.line = OptionalInt.of(line);
            this.column = OptionalInt.of(column);
            this.rule = Optional.of(rule);
            this.fix = Optional.of(fix);
        }

        @Override
        public OptionalInt line() {
            return line;
        }

        @Override
        public OptionalInt column() {
            return column;
        }

        @Override
        public Optional<String> rule() {
            return rule;
        }

        @Override
        public Optional<String> fix() {
            return fix;
        }
    }

    /** A statement Sluice's security rules refuse: SQLState 42501, insufficient privilege. */
    static final class Refused extends SQLNonTransientException implements SluiceError {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;
        private final String rule;
        private final String fix;

        Refused(String message, String state, int line, int column, String rule, String fix) {
            super(message, state);
            this.line = line;
            this.column = column;
            this.rule = rule;
            this.fix = fix;
        }

        @Override
        public OptionalInt line() {
            return OptionalInt.of(line);
        }

        @Override
        public OptionalInt column() {
            return OptionalInt.of(column);
        }

        @Override
        public Optional<String> rule() {
            return Optional.of(rule);
        }

        @Override
        public Optional<String> fix() {
            return Optional.of(fix);
        }
    }

    /** Any other failure of a statement or its job. */
    static final class Failure extends SQLException implements SluiceError {
        private static final long serialVersionUID = 1L;
        private final OptionalInt line;
        private final OptionalInt column;

        Failure(String message, String state, OptionalInt line, OptionalInt column) {
            super(message, state);
            this.line = line;
            this.column = column;
        }

        @Override
        public OptionalInt line() {
            return line;
        }

        @Override
        public OptionalInt column() {
            return column;
        }

        @Override
        public Optional<String> rule() {
            return Optional.empty();
        }

        @Override
        public Optional<String> fix() {
            return Optional.empty();
        }
    }
}
